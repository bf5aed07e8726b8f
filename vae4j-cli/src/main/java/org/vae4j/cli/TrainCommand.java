package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import me.tongfei.progressbar.ProgressBar;
import org.vae4j.api.Scores;
import org.vae4j.api.Scoring;
import org.vae4j.api.TrainedModel;
import org.vae4j.io.AtomicFile;
import org.vae4j.io.Png;
import org.vae4j.cli.pictures.TrainingCurves;
import org.vae4j.data.DataSources;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.error.InputException;
import org.vae4j.io.ModelInfo;
import org.vae4j.model.ModelConfig;
import org.vae4j.run.RunFolder;
import org.vae4j.run.TimeLimit;
import org.vae4j.run.Training;
import org.vae4j.run.TrainingResult;
import org.vae4j.train.EpochMetrics;
import org.vae4j.host.ProcessMemory;
import org.vae4j.train.TrainConfig;
import org.vae4j.train.TrainingDivergedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** vae4j train: trains a VAE or an auto-encoder and writes a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a VAE, an auto-encoder or a class-conditional VAE; write a run folder.",
                "Trains a VAE, an auto-encoder or a class-conditional VAE and writes a run folder: model/ "
                + "(checkpointed every epoch), metrics.jsonl, report.html, curves.png, reconstructions.png, "
                + "samples.png, map.png (labelled data) and manifold.png (2-D latent)."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataArgs dataArgs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the run folder to write")
    Path out;

    @Mixin
    ModelOptions model;

    @Mixin
    TrainingOptions training;

    @Option(names = "--eval-k", defaultValue = "100", paramLabel = "K",
            description = "after training, score the model with the IWAE estimate of -log p(x) with K samples into "
                    + "evaluation.json and the report; 0 for none (default: ${DEFAULT-VALUE})")
    int evalK;

    @Option(names = "--eval-n", defaultValue = "1000", paramLabel = "N",
            description = "the test examples that evaluation scores: " + Workspace.SUBSET + " (default: ${DEFAULT-VALUE})")
    int evalN;

    @Mixin
    SharedOptions.Seed seed;

    @Option(names = "--time-limit", paramLabel = "MINUTES",
            description = "stop before an epoch that would end later than MINUTES after training began (the last "
                    + "epoch's time is the estimate), so runs compare at the same wall-clock budget; --epochs stays "
                    + "the most")
    Double timeLimit;

    @Option(names = "--resume", description = "continue the model in --out up to --epochs")
    boolean resume;

    @Mixin
    SharedOptions.Progress progress;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        RunFolder run = RunFolder.at(out);
        boolean hasModel = run.hasModel();
        if (hasModel && !resume) {
            throw InputException.of(out, "already holds a model; pass --resume to continue it, or choose another --out");
        }
        if (resume && !hasModel) {
            throw InputException.of(out, "no model to resume (expected " + run.modelDir() + ")");
        }
        Training.Builder builder = Training.builder().runFolder(out).resume(resume);
        DataSplit split;
        if (resume) {
            ModelInfo saved = run.info();
            model.requireSame(saved.config(), this::given, out.toString());
            split = saved.readData(dataArgs.data, dataArgs.options(), out.toString());
            if (!DataSources.fingerprint(split.train()).equals(saved.data().fingerprint())) {
                throw new InputException(dataArgs.data + ": not the data the model in " + out
                        + " was trained on (fingerprints differ); resume with the same --data");
            }
            builder.data(split).training(training.resumed(saved.training(), seed.value, this::given));
        } else {
            TrainConfig settings = training.settings(seed.value);
            split = dataArgs.load(seed.value);
            ModelConfig config = model.config(split, dataArgs.data);
            TrainingOptions.requireEstimatorFits(config, settings);
            builder.data(split).model(config).training(settings);
        }
        if (!progress.quiet) {
            builder.listener(new ProgressListener(training.epochs, System.err, stdout));
        }
        if (timeLimit != null) {
            if (!(timeLimit > 0) || timeLimit > 10_000_000) {
                throw new IllegalArgumentException("--time-limit must be a positive number of minutes, got " + timeLimit);
            }
            builder.listener(new TimeLimit(Duration.ofMillis(Math.round(timeLimit * 60_000))));
        }
        try (Training session = builder.build()) {
            // the data now lives in the engine; let the JVM give back the heap copies it was read into
            System.gc();
            ModelInfo info = session.info();
            if (session.isDone()) {
                stdout.printf("%s is already trained for %d epochs; raise --epochs to train more%n", out,
                        info.epochsDone());
                return ExitCodes.OK;
            }
            ModelConfig config = info.config();
            stdout.printf("training a %s%s (%,d parameters) on %s: %d train / %d test examples of %d values%n",
                    config.kind().id(), priorText(config), session.parameterCount(), info.data().name(),
                    session.trainSize(), session.testSize(), config.inputDim());
            stdout.flush();
            TrainingResult result;
            try {
                result = session.fit();
            } catch (TrainingDivergedException e) {
                throw new TrainingDivergedException(e.getMessage() + " (try a smaller --lr)");
            }
            JsonNode evaluation = evaluate(run, result.model(), split.test());
            writePictures(run, result, split.test(), evaluation);
            EpochMetrics last = result.last();
            stdout.printf("done: epoch %d, test loss %.3f nats per example; peak RSS %.0f MiB%n", last.epoch(),
                    last.testLoss(), ProcessMemory.peakResidentMiB());
            if (evaluation != null) {
                stdout.printf("evaluation on %d test examples: ELBO %.3f, %s%n", evaluation.path("n").asInt(),
                        evaluation.path("elbo").asDouble(), evaluation.path("nll").isNumber()
                                ? String.format(java.util.Locale.ROOT, "-log p(x) %.3f nats (IWAE k=%d), %.4f bits per "
                                        + "dimension", evaluation.path("nll").asDouble(), evalK,
                                        evaluation.path("bits_per_dim").asDouble())
                                : "no likelihood (an auto-encoder)");
            }
            stdout.printf("wrote %s (model/, metrics.jsonl, report.html, curves.png, reconstructions.png%s%s)%n", out,
                    config.kind().isVariational() ? ", samples.png" : "", evaluation != null ? ", evaluation.json" : "");
            return ExitCodes.OK;
        }
    }

    /** True when the flag was given on the command line (not its default). */
    private boolean given(String flag) {
        return spec.commandLine().getParseResult().hasMatchedOption(flag);
    }

    /** " with a mog prior of 10 components", or nothing for the standard prior. */
    private static String priorText(ModelConfig config) {
        return config.prior().isLearned()
                ? " with a " + config.prior().id() + " prior of " + config.components() + " components" : "";
    }

    /** The run's pictures and report, from the trained model and the history in memory. */
    /**
     * Scores the trained model on the --eval-n subset of the test set (IWAE with --eval-k) and writes
     * evaluation.json: what 'vae4j evaluate --json' prints, and for a VAE the active units of each layer.
     */
    private JsonNode evaluate(RunFolder run, TrainedModel model, Dataset test) {
        if (evalK == 0) {
            return null;
        }
        Workspace.requireCount("--eval-k", evalK);
        Dataset scored = Workspace.subset(test, evalN);
        Scores scores;
        try (ProgressBar bar = progress.bar("IWAE k=" + evalK, scored.n())) {
            scores = model.score(scored, Scoring.defaults().withImportanceSamples(evalK).withSeed(seed.value)
                    .withProgress(ProgressListener.stepTo(bar)::accept));
        }
        ObjectNode json = EvaluateCommand.json(scores);
        if (model.isVariational()) {
            ArrayNode active = json.putArray("active_units");
            for (int count : TrainedModel.activeUnits(model.unitActivity(scored), ACTIVE)) {
                active.add(count);
            }
        }
        AtomicFile.writeString(run.file(RunFolder.EVALUATION), json.toPrettyString() + "\n");
        return json;
    }

    /** Burda et al.'s threshold on the variance of a unit's posterior mean for it to count as active. */
    private static final double ACTIVE = 0.01;

    private static void writePictures(RunFolder run, TrainingResult result, Dataset testSet, JsonNode evaluation) {
        TrainedModel model = result.model();
        ModelConfig config = model.config();
        String dataName = model.info().data().name();
        Png.write(TrainingCurves.render(result.history(), config.kind().isVariational()), run.file(RunFolder.CURVES));
        // the test set as training evaluated it, binarized like it for a binarized run
        Dataset test = model.view(testSet);
        Dataset shown = test.stratifiedSubset(32);
        Pictures.writeReconstructions(Pictures.images(shown), model.reconstruct(shown), run.file(RunFolder.RECONSTRUCTIONS));
        if (config.kind().isVariational()) {
            Pictures.writeSamples(model.sample(64, model.info().training().seed()), config, run.file(RunFolder.SAMPLES));
        }
        if (test.hasLabels() && config.latentDim() >= 2) {
            Png.write(MapCommand.picture(model, test, dataName), run.file(RunFolder.MAP));
        }
        if (config.latentDim() == 2) {
            Png.write(ManifoldCommand.runPicture(model, dataName), run.file(RunFolder.MANIFOLD));
        }
        RunReport.write(run, model.info(), result.history(), evaluation);
    }
}
