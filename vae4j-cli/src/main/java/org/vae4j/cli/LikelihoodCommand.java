package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ProgressBar;
import org.vae4j.io.AtomicFile;
import org.vae4j.cli.pictures.LikelihoodPlot;
import org.vae4j.io.Png;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.dist.Rng;
import org.vae4j.infer.LikelihoodEstimate;
import org.vae4j.infer.MarginalLikelihoodEstimator.Kind;
import org.vae4j.io.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.vae4j.dist.RngStreams;

/** vae4j likelihood: log p(x) estimated by sampling the prior and by importance sampling, as M grows. */
@Command(name = "likelihood", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Estimate log p(x) by prior sampling and by importance sampling, for each M.",
                "Estimates log p(x) of test examples of DATA under a trained VAE for each sample count M: by "
                + "sampling the prior, log (1/M) sum_j p(x|z_j) with z_j ~ p(z), and by importance sampling with the "
                + "encoder, log (1/M) sum_j p(x|z_j) p(z_j) / q(z_j|x) with z_j ~ q(z|x) (the IWAE bound). Prints "
                + "the mean estimate over the examples (nats per example), its standard error over examples and "
                + "the seconds each took, and writes the table as likelihood.csv and the estimates against M as "
                + "likelihood.png."})
final class LikelihoodCommand implements Callable<Integer> {

    static final String CSV = "likelihood.csv";
    /** The largest M: 10^6 samples of each of 500 examples already take about an hour here. */
    static final int MAX_SAMPLES = 1_000_000;
    static final String PNG = "likelihood.png";

    @Spec
    CommandSpec spec;

    @Mixin
    ModelArgs model;

    @Mixin
    DataArgs dataArgs;

    @Option(names = "--estimator", defaultValue = "both", paramLabel = "prior|importance|both",
            description = "which estimator: prior sampling, importance sampling with the encoder, or both "
                    + "(default: ${DEFAULT-VALUE})")
    String estimator;

    @Option(names = "--samples", split = ",", defaultValue = "1,10,100,1000,10000", paramLabel = "M[,M...]",
            description = "sample counts M per example, each in 1.." + MAX_SAMPLES + " (default: ${DEFAULT-VALUE}; "
                    + "M = 10,000 on 500 examples takes about 4 minutes)")
    List<Integer> samples;

    @Option(names = "--n", defaultValue = "500", description = "use " + Workspace.SUBSET + " (default: ${DEFAULT-VALUE})")
    Integer n;

    @Mixin
    SharedOptions.Seed seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "the folder to write likelihood.csv and likelihood.png to (default: the run folder of --model)")
    Path out;

    @Mixin
    SharedOptions.Progress progress;

    /** One row of the table. */
    record Row(Kind kind, int samples, LikelihoodEstimate estimate, double seconds) {

        double logPx() {
            return -estimate.nll();
        }
    }

    @Override
    public Integer call() {
        List<Kind> kinds = kinds(estimator);
        List<Integer> counts = counts(samples);
        Workspace.requireCount("--n", n);
        if (out != null) {
            Workspace.requireFolder(out);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        try (TrainedModel trained = model.load()) {
            if (!trained.isVariational()) {
                throw new IllegalArgumentException(trained.dir() + ": an auto-encoder has no likelihood p(x); "
                        + "likelihood needs a VAE");
            }
            DataSplit split = ModelArgs.dataFor(trained, dataArgs);
            Dataset test = Workspace.subset(split.test(), n);
            trained.requireLabels(test, dataArgs.data);
            List<Row> rows = estimate(trained, test, kinds, counts);
            Path dir = out != null ? out : runDir(trained);
            String title = "log p(x) of " + test.n() + " test examples of " + dataArgs.data;
            AtomicFile.writeString(dir.resolve(CSV), csv(rows, test.n()));
            Png.write(LikelihoodPlot.render(title, series(rows, kinds)), dir.resolve(PNG));
            stdout.print(table(title + ", nats per example (model " + trained.dir() + ")", rows));
            stdout.printf("wrote %s and %s to %s%n", CSV, PNG, dir);
            stdout.flush();
            return ExitCodes.OK;
        }
    }

    /** Runs every estimator at every M, with a progress bar over all the sample-example pairs. */
    private List<Row> estimate(TrainedModel trained, Dataset data, List<Kind> kinds, List<Integer> counts) {
        long total = 0;
        for (int m : counts) {
            total += (long) m * data.n() * kinds.size();
        }
        List<Row> rows = new ArrayList<>();
        try (ProgressBar bar = progress.bar("log p(x)", total)) {
            LongConsumer advance = ProgressListener.stepTo(bar);
            long before = 0;
            for (Kind kind : kinds) {
                for (int m : counts) {
                    Rng rng = Rng.forStream(seed.value, (kind.ordinal() + 1) * RngStreams.PER_LIKELIHOOD_KIND + m);
                    long offset = before;
                    if (bar != null) {
                        bar.setExtraMessage(" " + kind.id() + " M=" + m);
                    }
                    long start = System.nanoTime();
                    LikelihoodEstimate estimate = trained.estimateLikelihood(data, kind, m, rng,
                            done -> advance.accept(offset + (long) done * m));
                    rows.add(new Row(kind, m, estimate, (System.nanoTime() - start) / 1e9));
                    before += (long) m * data.n();
                }
            }
        }
        return rows;
    }

    /** "prior", "importance" or "both" (the two, prior first). */
    static List<Kind> kinds(String text) {
        if (text.equals("both")) {
            return List.of(Kind.PRIOR, Kind.IMPORTANCE);
        }
        try {
            return List.of(Kind.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--estimator: unknown estimator '" + text
                    + "' (expected prior, importance or both)");
        }
    }

    /** The sample counts, increasing and each once. */
    static List<Integer> counts(List<Integer> samples) {
        for (int m : samples) {
            if (m < 1 || m > MAX_SAMPLES) {
                throw new IllegalArgumentException("--samples: every sample count M must be in 1.." + MAX_SAMPLES
                        + ", got " + m);
            }
        }
        return List.copyOf(new TreeSet<>(samples));
    }

    /** The run folder of the model: the folder holding model/, or the model folder itself if it stands alone. */
    private static Path runDir(TrainedModel trained) {
        Path dir = trained.dir().toAbsolutePath();
        return dir.getFileName().toString().equals(ModelStore.MODEL_DIR) && dir.getParent() != null ? dir.getParent()
                : dir;
    }

    static String table(String title, List<Row> rows) {
        StringBuilder text = new StringBuilder(title).append('\n');
        text.append(String.format(Locale.ROOT, "%-10s  %8s  %12s  %9s  %9s%n", "estimator", "M", "log p(x)", "std err",
                "seconds"));
        for (Row row : rows) {
            text.append(String.format(Locale.ROOT, "%-10s  %8d  %12.3f  %9.3f  %9.2f%n", row.kind().id(), row.samples(),
                    row.logPx(), row.estimate().stdErr(), row.seconds()));
        }
        return text.toString();
    }

    static String csv(List<Row> rows, int examples) {
        StringBuilder text = new StringBuilder("estimator,samples,log_px_nats,std_err_nats,seconds,n\n");
        for (Row row : rows) {
            text.append(String.format(Locale.ROOT, "%s,%d,%.6f,%.6f,%.3f,%d%n", row.kind().id(), row.samples(),
                    row.logPx(), row.estimate().stdErr(), row.seconds(), examples));
        }
        return text.toString();
    }

    private static List<LikelihoodPlot.Series> series(List<Row> rows, List<Kind> kinds) {
        List<LikelihoodPlot.Series> series = new ArrayList<>();
        for (Kind kind : kinds) {
            List<Row> mine = rows.stream().filter(r -> r.kind() == kind).toList();
            String name = kind == Kind.PRIOR ? "prior sampling, z ~ p(z)" : "importance sampling, z ~ q(z|x)";
            series.add(new LikelihoodPlot.Series(name, mine.stream().mapToDouble(Row::samples).toArray(),
                    mine.stream().mapToDouble(Row::logPx).toArray(),
                    mine.stream().mapToDouble(r -> r.estimate().stdErr()).toArray()));
        }
        return series;
    }
}
