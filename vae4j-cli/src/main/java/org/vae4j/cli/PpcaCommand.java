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
import org.vae4j.cli.pictures.EmCurves;
import org.vae4j.io.Png;
import org.vae4j.classic.PpcaConfig;
import org.vae4j.classic.PpcaStep;
import org.vae4j.classic.ProbabilisticPca;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j ppca: probabilistic PCA in closed form and by EM, which converges to it. */
@Command(name = "ppca", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Probabilistic PCA in closed form and by EM, with the exact log-likelihood.",
                "Fits probabilistic PCA (x = W z + mu + noise, z ~ N(0, I_Q), noise ~ N(0, sigma^2 I)) to the "
                + "training split of DATA in closed form (Tipping and Bishop 1999) and by EM, and prints the exact mean "
                + "log-likelihood per example of both: EM's per iteration, converging to the closed form's maximum. "
                + "Writes ppca.json (the log-likelihoods, the settings and the data's fingerprint), ppca.csv and "
                + "ppca.png."})
final class PpcaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataArgs dataArgs;

    @Option(names = "--latent", required = true, paramLabel = "Q", description = "the dimension of z")
    int latent;

    @Option(names = "--iterations", defaultValue = "1000", paramLabel = "N",
            description = "the most EM iterations; EM is slow where the signal dwarfs the noise (digits, Q = 10: 667 "
                    + "iterations) (default: ${DEFAULT-VALUE})")
    int iterations;

    @Mixin
    SharedOptions.Tolerance tolerance;

    @Mixin
    SharedOptions.Seed seed;

    @Mixin
    SharedOptions.Folder out;

    @Mixin
    SharedOptions.Progress progress;

    @Override
    public Integer call() {
        out.check();
        PpcaConfig config = new PpcaConfig(latent, iterations, tolerance.nats, seed.value);
        DataSplit split = dataArgs.load(seed.value);
        Dataset train = split.train();
        Dataset test = split.test();
        int d = train.dim();
        if (latent >= d) {
            throw new IllegalArgumentException("--latent must be in 1.." + (d - 1) + " (below the data's dimension "
                    + d + "), got " + latent);
        }
        float[] trainX = train.x();
        float[] testX = test.x();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("Probabilistic PCA with Q = %d on %d training examples of %s (%d dimensions)%n", latent, train.n(),
                train.name(), d);
        ProbabilisticPca closed = ProbabilisticPca.closedForm(trainX, train.n(), d, latent);
        double closedTrain = closed.meanLogLikelihood(trainX, train.n());
        double closedTest = closed.meanLogLikelihood(testX, test.n());
        stdout.printf(Locale.ROOT, "closed form: sigma^2 %.6g, log-likelihood %.6f nats per training example, %.6f per "
                + "test example%n", closed.noiseVariance(), closedTrain, closedTest);
        stdout.printf("%9s  %15s  %15s  %12s%n", "iteration", "EM", "closed - EM", "sigma^2");
        stdout.flush();
        List<PpcaStep> steps = new ArrayList<>();
        ProbabilisticPca em;
        try (ProgressBar bar = progress.bar("EM", iterations)) {
            LongConsumer advance = ProgressListener.stepTo(bar);
            em = ProbabilisticPca.em(trainX, train.n(), d, config, step -> {
                steps.add(step);
                stdout.printf(Locale.ROOT, "%9d  %15.6f  %15.6g  %12.6g%n", step.iteration(), step.logLikelihood(),
                        closedTrain - step.logLikelihood(), step.noiseVariance());
                stdout.flush();
                advance.accept(step.iteration());
            });
        }
        double emTrain = em.meanLogLikelihood(trainX, train.n());
        double emTest = em.meanLogLikelihood(testX, test.n());
        stdout.printf(Locale.ROOT, "EM after %d iterations: sigma^2 %.6g, log-likelihood %.6f nats per training example "
                + "(%.3g below the closed form), %.6f per test example%n", steps.size(), em.noiseVariance(), emTrain,
                closedTrain - emTrain, emTest);
        ObjectNode json = Provenance.of(spec, split, seed.value);
        ObjectNode closedForm = json.putObject("closed_form");
        closedForm.put("noise_variance", closed.noiseVariance());
        closedForm.put("log_likelihood", closedTrain);
        closedForm.put("test_log_likelihood", closedTest);
        ObjectNode byEm = json.putObject("em");
        byEm.put("iterations", steps.size());
        byEm.put("noise_variance", em.noiseVariance());
        byEm.put("log_likelihood", emTrain);
        byEm.put("test_log_likelihood", emTest);
        Provenance.write(out.dir.resolve("ppca.json"), json);
        write(steps, emTrain, closedTrain);
        stdout.printf("wrote ppca.json, ppca.csv and ppca.png to %s%n", out.dir);
        stdout.flush();
        return ExitCodes.OK;
    }

    private void write(List<PpcaStep> steps, double emFinal, double closedForm) {
        int t = steps.size();
        StringBuilder csv = new StringBuilder("iteration,em_log_likelihood,closed_form_log_likelihood,noise_variance\n");
        double[] iteration = new double[t + 1];
        double[] logLikelihood = new double[t + 1];
        double[] closed = new double[t + 1];
        for (int i = 0; i < t; i++) {
            PpcaStep step = steps.get(i);
            csv.append(String.format(Locale.ROOT, "%d,%.10f,%.10f,%.10g%n", step.iteration(), step.logLikelihood(),
                    closedForm, step.noiseVariance()));
            iteration[i] = step.iteration();
            logLikelihood[i] = step.logLikelihood();
            closed[i] = closedForm;
        }
        // after the last M-step
        iteration[t] = t + 1;
        logLikelihood[t] = emFinal;
        closed[t] = closedForm;
        AtomicFile.writeString(out.dir.resolve("ppca.csv"), csv.toString());
        Png.write(new EmCurves("Probabilistic PCA (Q = " + latent + "): EM climbs to the closed-form maximum",
                "iteration").add("EM", iteration, logLikelihood, true).add("closed form", iteration, closed, false)
                .render(), out.dir.resolve("ppca.png"));
    }
}
