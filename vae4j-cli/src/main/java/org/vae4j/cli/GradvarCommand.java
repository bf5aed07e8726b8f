package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ProgressBar;
import org.vae4j.io.AtomicFile;
import org.vae4j.io.Png;
import org.vae4j.cli.pictures.VarianceCurves;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.dist.RngStreams;
import org.vae4j.infer.GradientVariance;
import org.vae4j.dist.Rng;
import org.vae4j.infer.GradientStatistics;
import org.vae4j.infer.GradientVariance.Estimator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j gradvar: how noisy the estimators of the encoder's gradient are. */
@Command(name = "gradvar", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"How noisy the estimators of the encoder's gradient are: reparam, score, score-baseline.",
            "Estimates the gradient of the mean ELBO of one fixed batch (--batch test examples of "
                + "DATA) with respect to the encoder's parameters --repeats times, each example's E_q[log p(x|z)] "
                + "averaged over S draws, for three estimators: reparam (pathwise: the gradient flows through z = mu + sigma eps), score "
                + "(REINFORCE: the score-function estimator, log p(x|z) times the gradient of log q(z|x); no baseline) and "
                + "score-baseline (REINFORCE with a per-example baseline: for S > 1 the leave-one-out mean of the other "
                + "draws' log p(x|z); for S = 1 the mean over " + GradientVariance.SINGLE_SAMPLE_BASELINE_DRAWS
                + " independent draws). Prints the trace of the covariance over the repeats (the summed variance of "
                + "all encoder gradient coordinates), its ratio to reparam's at the same S, the squared norm of "
                + "the mean gradient, and tr Cov / |E g|^2, with |E g|^2 from the least noisy row (all three "
                + "estimators are unbiased for the same gradient); writes gradvar.csv and gradvar.png (variance "
                + "against S, log-log) to --out."})
final class GradvarCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelArgs model;

    @Mixin
    DataArgs dataArgs;

    @Option(names = "--draws", defaultValue = "1,10,100", split = ",", paramLabel = "S",
            description = "draws of z per example in each estimate, S (default: ${DEFAULT-VALUE})")
    List<Integer> samples;

    @Option(names = "--repeats", defaultValue = "50", paramLabel = "R",
            description = "independent estimates per estimator and S (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--batch", defaultValue = "100", paramLabel = "B",
            description = "examples in the fixed batch: " + Workspace.SUBSET + ", N = B (default: ${DEFAULT-VALUE})")
    int batch;

    @Mixin
    SharedOptions.Seed seed;

    @Mixin
    SharedOptions.Folder out;

    @Mixin
    SharedOptions.Progress progress;

    @Override
    public Integer call() {
        out.check();
        TreeSet<Integer> sampleCounts = new TreeSet<>(samples);
        if (sampleCounts.first() < 1) {
            throw new IllegalArgumentException("--draws must be at least 1, got " + sampleCounts.first());
        }
        if (repeats < 2) {
            throw new IllegalArgumentException("--repeats must be at least 2 to measure a variance, got " + repeats);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        try (TrainedModel trained = model.load()) {
            if (!trained.isVariational()) {
                throw new IllegalArgumentException(trained.dir() + ": gradvar needs a VAE (a q(z|x) to draw from), "
                        + "not an auto-encoder");
            }
            DataSplit split = ModelArgs.dataFor(trained, dataArgs);
            trained.requireLabels(split.test(), dataArgs.data);
            Dataset data = Workspace.subset(split.test(), batch);
            List<GradientStatistics> rows = new ArrayList<>();
            int total = Estimator.values().length * sampleCounts.size() * repeats;
            try (ProgressBar bar = progress.bar("gradvar", total)) {
                LongConsumer advance = ProgressListener.stepTo(bar);
                int done = 0;
                for (Estimator estimator : Estimator.values()) {
                    for (int s : sampleCounts) {
                        int before = done;
                        Rng rng = Rng.forStream(seed.value, estimator.ordinal() * RngStreams.PER_GRADIENT_ESTIMATOR + s);
                        rows.add(trained.gradientVariance(data, estimator, s, repeats, rng,
                                r -> advance.accept(before + r)));
                        done += repeats;
                    }
                }
            }
            String title = String.format(Locale.ROOT, "Encoder-gradient variance, %d test examples of %s, R = %d",
                    data.n(), dataArgs.data, repeats);
            writeCsv(rows, out.dir.resolve("gradvar.csv"));
            Png.write(VarianceCurves.render(title, lines(rows)), out.dir.resolve("gradvar.png"));
            print(stdout, rows, trained.dir(), data.n(), trained.encoderSize());
            stdout.printf("wrote %s and %s%n", out.dir.resolve("gradvar.csv"), out.dir.resolve("gradvar.png"));
            stdout.flush();
            return ExitCodes.OK;
        }
    }

    /** tr Cov of {@code row} over reparam's at the same S. */
    private static double ratioToReparam(GradientStatistics row, List<GradientStatistics> rows) {
        for (GradientStatistics other : rows) {
            if (other.estimator() == Estimator.REPARAMETERIZATION && other.samples() == row.samples()) {
                return row.traceCovariance() / other.traceCovariance();
            }
        }
        throw new IllegalStateException("no reparam row for S=" + row.samples());
    }

    /**
     * The least noisy row: its |g_bar|^2 - tr Cov / R is the best estimate of |E g|^2, which all rows
     * share since every estimator is unbiased.
     */
    private static GradientStatistics reference(List<GradientStatistics> rows) {
        return rows.stream().min(Comparator.comparingDouble(r -> r.traceCovariance() / r.repeats())).orElseThrow();
    }

    private static void print(PrintWriter out, List<GradientStatistics> rows, Path modelDir, int batchSize,
            int parameters) {
        GradientStatistics reference = reference(rows);
        double signal = reference.unbiasedSquaredNorm();
        out.printf(Locale.ROOT, "gradient of the mean ELBO over %d test examples w.r.t. the %,d encoder parameters of "
                + "%s, %d estimates each:%n", batchSize, parameters, modelDir, reference.repeats());
        out.printf("%-15s %5s  %13s  %16s  %13s  %13s%n", "estimator", "S", "tr Cov", "ratio to reparam",
                "|mean g|^2", "tr Cov/|E g|^2");
        for (GradientStatistics row : rows) {
            out.printf(Locale.ROOT, "%-15s %5d  %13.4e  %16.4g  %13.4e  %13.4g%n", row.estimator().id(), row.samples(),
                    row.traceCovariance(), ratioToReparam(row, rows), row.meanSquaredNorm(),
                    row.traceCovariance() / signal);
        }
        out.printf(Locale.ROOT, "|E g|^2 = %.4e, from %s at S=%d (|mean g|^2 - tr Cov / R of the least noisy row)%n",
                signal, reference.estimator().id(), reference.samples());
    }

    private static void writeCsv(List<GradientStatistics> rows, Path file) {
        double signal = reference(rows).unbiasedSquaredNorm();
        StringBuilder csv = new StringBuilder("estimator,samples,repeats,trace_covariance,ratio_to_reparam,"
                + "mean_grad_sq_norm,noise_to_signal\n");
        for (GradientStatistics row : rows) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.6e,%.6g,%.6e,%.6g%n", row.estimator().id(),
                    row.samples(), row.repeats(), row.traceCovariance(), ratioToReparam(row, rows),
                    row.meanSquaredNorm(), row.traceCovariance() / signal));
        }
        AtomicFile.writeString(file, csv.toString());
    }

    /** Per estimator: {S values, variances}. */
    private static Map<String, double[][]> lines(List<GradientStatistics> rows) {
        Map<String, double[][]> lines = new LinkedHashMap<>();
        for (Estimator estimator : Estimator.values()) {
            List<GradientStatistics> mine = rows.stream().filter(r -> r.estimator() == estimator).toList();
            lines.put(estimator.id(), new double[][] {
                mine.stream().mapToDouble(GradientStatistics::samples).toArray(),
                mine.stream().mapToDouble(GradientStatistics::traceCovariance).toArray()});
        }
        return lines;
    }
}
