package org.vae4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ProgressBar;
import org.vae4j.io.AtomicFile;
import org.vae4j.cli.pictures.ComponentMap;
import org.vae4j.cli.pictures.EmCurves;
import org.vae4j.io.Png;
import org.vae4j.classic.CovarianceType;
import org.vae4j.classic.EmStep;
import org.vae4j.classic.GaussianMixture;
import org.vae4j.classic.GmmConfig;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j gmm: a Gaussian mixture fitted by EM, with the evidence lower bound after every E- and M-step. */
@Command(name = "gmm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"EM for a Gaussian mixture: log-likelihood and the tight bound per iteration.",
                "Fits a Gaussian mixture with K components to the training split of DATA by EM and prints, per "
                + "iteration, the mean log-likelihood per example and the evidence lower bound (ELBO) after the E-step "
                + "(equal to it: the posterior is exact) and after the M-step (never lower). Writes gmm.csv and gmm.png "
                + "(the curves), gmm.json (the log-likelihoods, the settings and the data's fingerprint), "
                + "gmm-components.csv, and for 2-D data gmm-components.png (points coloured by their most "
                + "likely component, 1- and 2-sigma ellipses). For images, project first with --pca."})
final class GmmCommand implements Callable<Integer> {

    /** The most points drawn in the components picture; more are thinned evenly. */
    static final int MAX_POINTS = 5000;
    /** Image data above this dimension without --pca get the advice to project. */
    static final int ADVISED_MAX_DIM = 100;

    @Spec
    CommandSpec spec;

    @Mixin
    DataArgs dataArgs;

    @Option(names = "--components", required = true, paramLabel = "K", description = "the number of components")
    int components;

    @Option(names = "--covariance", defaultValue = "full", paramLabel = "TYPE",
            description = "full or diag (diagonal) covariances (default: ${DEFAULT-VALUE})")
    CovarianceType covariance;

    @Option(names = "--iterations", defaultValue = "100", paramLabel = "N",
            description = "the most EM iterations (default: ${DEFAULT-VALUE})")
    int iterations;

    @Mixin
    SharedOptions.Tolerance tolerance;

    @Option(names = "--regularization", defaultValue = "1e-6", paramLabel = "R",
            description = "added to every covariance diagonal after each M-step, so that no component becomes "
                    + "singular (0: exact maximum likelihood; default: ${DEFAULT-VALUE})")
    double regularization;

    @Option(names = "--pca", defaultValue = "0", paramLabel = "D",
            description = "project onto the first D principal components of the training split first (advised for "
                    + "images: e.g. 10 to 50; 2 gives the components picture; default: no projection)")
    int pca;

    @Mixin
    SharedOptions.Seed seed;

    @Mixin
    SharedOptions.Folder out;

    @Mixin
    SharedOptions.Progress progress;

    @Override
    public Integer call() {
        out.check();
        GmmConfig config = new GmmConfig(components, covariance, iterations, tolerance.nats, regularization, seed.value);
        if (pca < 0) {
            throw new IllegalArgumentException("--pca must be non-negative, got " + pca);
        }
        DataSplit split = dataArgs.load(seed.value);
        Projected data = Projected.of(split, pca, "--pca");
        Dataset train = split.train();
        if (components > train.n()) {
            throw new IllegalArgumentException("--components " + components + " exceeds the " + train.n()
                    + " training examples of " + dataArgs.data);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("Gaussian mixture, %d %s components, on %d training examples of %s%s%n", components,
                covariance == CovarianceType.FULL ? "full-covariance" : "diagonal-covariance", train.n(), train.name(),
                data.description());
        if (pca == 0 && train.height() > 1 && data.dim() > ADVISED_MAX_DIM) {
            stdout.printf("note: %d dimensions are slow and most pixels are nearly constant; --pca 10 to 50 is advised "
                    + "for images%n", data.dim());
        }
        stdout.printf("%9s  %15s  %15s  %15s%n", "iteration", "log-likelihood", "ELBO after E", "ELBO after M");
        stdout.flush();
        GaussianMixture gmm;
        try (ProgressBar bar = progress.bar("EM", iterations)) {
            LongConsumer advance = ProgressListener.stepTo(bar);
            gmm = GaussianMixture.fit(data.train(), train.n(), data.dim(), config, step -> {
                stdout.printf(Locale.ROOT, "%9d  %15.6f  %15.6f  %15.6f%n", step.iteration(), step.logLikelihood(),
                        step.elboAfterEStep(), step.elboAfterMStep());
                stdout.flush();
                advance.accept(step.iteration());
            });
        }
        double testLogLikelihood = mean(gmm.logLikelihood(data.test(), split.test().n()));
        int done = gmm.history().size();
        stdout.printf(Locale.ROOT, "%s after %d iterations: log-likelihood %.6f nats per training example, %.6f per "
                + "test example (%d)%n", gmm.converged() ? "converged" : "stopped at the limit", done,
                gmm.logLikelihood(), testLogLikelihood, split.test().n());
        printComponents(stdout, gmm);
        ObjectNode json = Provenance.of(spec, split, seed.value);
        json.put("converged", gmm.converged());
        json.put("iterations_done", done);
        json.put("log_likelihood", gmm.logLikelihood());
        json.put("test_log_likelihood", testLogLikelihood);
        Provenance.write(out.dir.resolve("gmm.json"), json);
        writeCurves(gmm);
        writeComponents(gmm);
        if (data.dim() == 2) {
            writeComponentMap(gmm, data, train.n(), split);
        }
        stdout.printf("wrote gmm.json, gmm.csv, gmm.png, gmm-components.csv%s to %s%n",
                data.dim() == 2 ? ", gmm-components.png" : "", out.dir);
        stdout.flush();
        return ExitCodes.OK;
    }

    private void printComponents(PrintWriter stdout, GaussianMixture gmm) {
        int d = gmm.dim();
        double[] weights = gmm.weights();
        double[] means = gmm.means();
        for (int k = 0; k < gmm.components(); k++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  component %d: weight %.4f", k + 1,
                    weights[k]));
            if (d <= 10) {
                line.append(", mean [");
                for (int j = 0; j < d; j++) {
                    line.append(j > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.4f", means[k * d + j]));
                }
                line.append(']');
            }
            stdout.println(line);
        }
    }

    private void writeCurves(GaussianMixture gmm) {
        List<EmStep> history = gmm.history();
        StringBuilder csv = new StringBuilder("iteration,log_likelihood,elbo_after_e_step,elbo_after_m_step\n");
        int t = history.size();
        double[] iteration = new double[t + 1];
        double[] afterM = new double[t];
        double[] afterE = new double[t];
        double[] logLikelihood = new double[t + 1];
        for (int i = 0; i < t; i++) {
            EmStep step = history.get(i);
            csv.append(String.format(Locale.ROOT, "%d,%.10f,%.10f,%.10f%n", step.iteration(), step.logLikelihood(),
                    step.elboAfterEStep(), step.elboAfterMStep()));
            iteration[i] = step.iteration();
            logLikelihood[i] = step.logLikelihood();
            afterE[i] = step.elboAfterEStep();
            afterM[i] = step.elboAfterMStep();
        }
        // the parameters of the last M-step, as the start of an iteration that was not run
        iteration[t] = t + 1;
        logLikelihood[t] = gmm.logLikelihood();
        AtomicFile.writeString(out.dir.resolve("gmm.csv"), csv.toString());
        double[] half = new double[t];
        for (int i = 0; i < t; i++) {
            half[i] = iteration[i] + 0.5;
        }
        Png.write(new EmCurves("EM for a Gaussian mixture (K = " + gmm.components() + ", " + gmm.covarianceType().id()
                + "): the bound touches log p(x) after each E-step", "iteration (M-step at +0.5)")
                .add("log-likelihood", iteration, logLikelihood, true)
                .add("ELBO after the E-step", java.util.Arrays.copyOf(iteration, t), afterE, false)
                .add("ELBO after the M-step", half, afterM, true).render(), out.dir.resolve("gmm.png"));
    }

    private void writeComponents(GaussianMixture gmm) {
        int d = gmm.dim();
        StringBuilder csv = new StringBuilder("component,weight");
        for (int j = 1; j <= d; j++) {
            csv.append(",mean_").append(j);
        }
        csv.append('\n');
        double[] weights = gmm.weights();
        double[] means = gmm.means();
        for (int k = 0; k < gmm.components(); k++) {
            csv.append(k + 1).append(String.format(Locale.ROOT, ",%.10f", weights[k]));
            for (int j = 0; j < d; j++) {
                csv.append(String.format(Locale.ROOT, ",%.10f", means[k * d + j]));
            }
            csv.append('\n');
        }
        AtomicFile.writeString(out.dir.resolve("gmm-components.csv"), csv.toString());
    }

    /** The components picture's title: the examples the mixture was fitted on, and how many are drawn. */
    static String componentMapTitle(int fitted, int drawn, String data) {
        String shown = drawn == fitted ? "" : String.format(Locale.ROOT, " (%,d of them drawn)", drawn);
        return String.format(Locale.ROOT, "Gaussian mixture fitted on %,d training examples of %s%s: 1- and 2-sigma "
                + "ellipses", fitted, data, shown);
    }

    private void writeComponentMap(GaussianMixture gmm, Projected data, int n, DataSplit split) {
        int[] rows = n > MAX_POINTS ? Workspace.spread(n, MAX_POINTS) : null;
        int shown = rows == null ? n : rows.length;
        float[] all = data.train();
        float[] points = new float[2 * shown];
        for (int i = 0; i < shown; i++) {
            int row = rows == null ? i : rows[i];
            points[2 * i] = all[2 * row];
            points[2 * i + 1] = all[2 * row + 1];
        }
        List<double[]> covariances = new ArrayList<>();
        for (int k = 0; k < gmm.components(); k++) {
            covariances.add(gmm.covariance(k));
        }
        String axis = pca > 0 ? "principal component " : "column ";
        Png.write(ComponentMap.render(componentMapTitle(n, shown, split.train().name()), axis + 1, axis + 2, points, gmm.predict(points, shown), gmm.weights(),
                gmm.means(), covariances.toArray(new double[0][])), out.dir.resolve("gmm-components.png"));
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
