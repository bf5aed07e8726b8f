package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vae4j.api.TrainedModel;
import org.vae4j.io.Png;
import org.vae4j.cli.pictures.TrainingCurves;
import org.vae4j.data.DataSources;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.error.InputException;
import org.vae4j.io.ModelInfo;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import org.vae4j.model.PriorKind;
import org.vae4j.objective.GradientEstimator;
import org.vae4j.objective.ObjectiveKind;
import org.vae4j.run.RunFolder;
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

    static final int MOG_COMPONENTS = 10;
    static final int VAMP_COMPONENTS = 100;

    @Spec
    CommandSpec spec;

    @Mixin
    DataArgs dataArgs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the run folder to write")
    Path out;

    @Option(names = "--model", defaultValue = "vae", paramLabel = "vae|ae|cvae",
            description = "vae (variational), ae (deterministic auto-encoder) or cvae (class-conditional VAE, "
                    + "labelled data); default: ${DEFAULT-VALUE}")
    ModelKind kind;

    @Option(names = "--latent", defaultValue = "20", paramLabel = "L", description = "size of z (default: ${DEFAULT-VALUE})")
    int latent;

    @Option(names = "--hidden", defaultValue = "400", split = ",", paramLabel = "H",
            description = "hidden layer sizes of the encoder, mirrored by the decoder (default: ${DEFAULT-VALUE})")
    List<Integer> hidden;

    @Option(names = "--likelihood", defaultValue = "bernoulli", paramLabel = "FAMILY",
            description = "decoder p(x|z): bernoulli, gaussian (fixed --sigma), gaussian-learned, or a pmf over the 256 "
                    + "levels of 8-bit pixels, whose -log p(x) is a code length in bits per dimension: "
                    + "discretized-logistic or beta-binomial (default: ${DEFAULT-VALUE})")
    Likelihood likelihood;

    @Option(names = "--sigma", defaultValue = "0.1", description = "std of the gaussian decoder (default: ${DEFAULT-VALUE})")
    double sigma;

    @Option(names = "--prior", defaultValue = "standard", paramLabel = "standard|mog|vamp",
            description = "p(z) of a vae: standard (N(0, I)), mog (a learned mixture of --components Gaussians) or "
                    + "vamp (the VampPrior: the encoder's posteriors at --components learned pseudo-inputs); "
                    + "default: ${DEFAULT-VALUE}")
    PriorKind prior;

    @Option(names = "--components", paramLabel = "K",
            description = "mixture components of a learned prior (default: " + MOG_COMPONENTS + " for mog, "
                    + VAMP_COMPONENTS + " for vamp)")
    Integer components;

    @Option(names = "--epochs", defaultValue = "10", description = "train until this epoch (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = "128", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--beta", defaultValue = "1", description = "weight of the KL term, beta-VAE (default: ${DEFAULT-VALUE})")
    double beta;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "EPOCHS",
            description = "KL warm-up: the KL weight rises linearly from 0 to beta over this many epochs (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--objective", defaultValue = "elbo", paramLabel = "elbo|iwae",
            description = "the bound to maximize: elbo, or iwae (the importance-weighted bound with --k samples); "
                    + "default: ${DEFAULT-VALUE}")
    ObjectiveKind objective;

    @Option(names = "--k", paramLabel = "K", description = "importance samples per example for --objective iwae (default: 5)")
    Integer k;

    @Option(names = "--estimator", defaultValue = "reparam", paramLabel = "reparam|score",
            description = "gradient of E_q[log p(x|z)] for the encoder: reparam (pathwise) or score "
                    + "(REINFORCE with a baseline; far noisier); default: ${DEFAULT-VALUE}")
    GradientEstimator estimator;

    @Option(names = "--binarize", description = "dynamic binarization: each training batch is drawn as x ~ Bernoulli(pixel)")
    boolean binarize;

    @Mixin
    SharedOptions.Seed seed;

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
            requireSameModel(saved.config());
            split = saved.readData(dataArgs.data, dataArgs.options(), out.toString());
            if (!DataSources.fingerprint(split.train()).equals(saved.data().fingerprint())) {
                throw new InputException(dataArgs.data + ": not the data the model in " + out
                        + " was trained on (fingerprints differ); resume with the same --data");
            }
            builder.data(split).training(resumedSettings(saved.training()));
        } else {
            TrainConfig training = newSettings();
            split = dataArgs.load(seed.value);
            ModelConfig config = ModelConfig.builder().kind(kind)
                    .shape(split.train().height(), split.train().width()).latentDim(latent).hidden(hidden)
                    .likelihood(likelihood).sigma(sigma).classes(kind == ModelKind.CVAE ? classes(split) : 0)
                    .prior(prior, components()).build();
            requireEstimatorFits(config, training);
            builder.data(split).model(config).training(training);
        }
        if (!progress.quiet) {
            builder.listener(new ProgressListener(epochs, System.err, stdout));
        }
        try (Training training = builder.build()) {
            // the data now lives in the engine; let the JVM give back the heap copies it was read into
            System.gc();
            ModelInfo info = training.info();
            if (training.isDone()) {
                stdout.printf("%s is already trained for %d epochs; raise --epochs to train more%n", out,
                        info.epochsDone());
                return ExitCodes.OK;
            }
            ModelConfig config = info.config();
            stdout.printf("training a %s%s (%,d parameters) on %s: %d train / %d test examples of %d values%n",
                    config.kind().id(), priorText(config), training.parameterCount(), info.data().name(),
                    training.trainSize(), training.testSize(), config.inputDim());
            stdout.flush();
            TrainingResult result;
            try {
                result = training.fit();
            } catch (TrainingDivergedException e) {
                throw new TrainingDivergedException(e.getMessage() + " (try a smaller --lr)");
            }
            writePictures(run, result, split.test());
            EpochMetrics last = result.last();
            stdout.printf("done: epoch %d, test loss %.3f nats per example; peak RSS %.0f MiB%n", last.epoch(),
                    last.testLoss(), ProcessMemory.peakResidentMiB());
            stdout.printf("wrote %s (model/, metrics.jsonl, report.html, curves.png, reconstructions.png%s)%n", out,
                    config.kind().isVariational() ? ", samples.png" : "");
            return ExitCodes.OK;
        }
    }

    /** The settings of a new run, from the flags. */
    private TrainConfig newSettings() {
        if (k != null && objective != ObjectiveKind.IWAE) {
            throw new IllegalArgumentException("--k is for --objective iwae");
        }
        return new TrainConfig(epochs, batch, lr, beta, warmup, binarize, seed.value)
                .withObjective(objective, objective == ObjectiveKind.IWAE ? (k == null ? 5 : k) : 1)
                .withEstimator(estimator);
    }

    /**
     * The settings of a resumed run: the saved ones, with what the command line gives explicitly. The
     * library applies a new --epochs, --lr or --batch (and records it) and refuses any other change.
     */
    private TrainConfig resumedSettings(TrainConfig saved) {
        TrainConfig asked = new TrainConfig(epochs,
                given("--batch") ? batch : saved.batchSize(),
                given("--lr") ? lr : saved.learningRate(),
                given("--beta") ? beta : saved.beta(),
                given("--warmup") ? warmup : saved.warmupEpochs(),
                given("--binarize") ? binarize : saved.binarize(),
                given("--seed") ? seed.value : saved.seed(),
                given("--objective") ? objective : saved.objective(),
                given("--k") ? k : saved.k(),
                given("--estimator") ? estimator : saved.estimator());
        return asked;
    }

    /** Refuses architecture flags on --resume that differ from the saved model's, naming the flag. */
    private void requireSameModel(ModelConfig saved) {
        check("--model", kind, saved.kind());
        check("--latent", latent, saved.latentDim());
        check("--hidden", hidden, saved.hidden());
        check("--likelihood", likelihood, saved.likelihood());
        check("--sigma", sigma, saved.sigma());
        check("--prior", prior, saved.prior());
        if (components != null) {
            check("--components", components, saved.components());
        }
    }

    private void check(String flag, Object asked, Object saved) {
        if (given(flag) && !asked.equals(saved)) {
            throw new IllegalArgumentException(flag + " " + text(asked) + " differs from the model in " + out
                    + " (" + text(saved) + "); --resume continues the saved architecture, so drop " + flag);
        }
    }

    private static String text(Object value) {
        return value instanceof Enum<?> e ? e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                : value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
    }

    /** True when the flag was given on the command line (not its default). */
    private boolean given(String flag) {
        return spec.commandLine().getParseResult().hasMatchedOption(flag);
    }

    /** The score-function estimator needs the standard prior: said with the flags, before any work. */
    private static void requireEstimatorFits(ModelConfig config, TrainConfig training) {
        if (training.estimator() == GradientEstimator.SCORE_FUNCTION && config.prior().isLearned()) {
            throw new IllegalArgumentException("--estimator score needs the standard prior, whose KL is analytic; "
                    + "drop --prior " + config.prior().id() + " or use --estimator reparam");
        }
    }

    /** " with a mog prior of 10 components", or nothing for the standard prior. */
    private static String priorText(ModelConfig config) {
        return config.prior().isLearned()
                ? " with a " + config.prior().id() + " prior of " + config.components() + " components" : "";
    }

    /** K of the prior: as given, or the default of a learned prior; 0 for the standard prior. */
    private int components() {
        if (components != null) {
            if (!prior.isLearned()) {
                throw new IllegalArgumentException("--components is for --prior mog or vamp");
            }
            return components;
        }
        return switch (prior) {
            case STANDARD -> 0;
            case MOG -> MOG_COMPONENTS;
            case VAMP -> VAMP_COMPONENTS;
        };
    }

    /** The number of classes a cvae conditions on: 1 + the largest training label. */
    private int classes(DataSplit split) {
        if (!split.train().hasLabels()) {
            throw new InputException(dataArgs.data + ": a cvae needs labelled data, and this data has no labels"
                    + " (for a CSV file, name the label column with --label-column)");
        }
        int max = 0;
        for (int label : split.train().labels()) {
            max = Math.max(max, label);
        }
        for (int label : split.test().labels()) {
            if (label > max) {
                throw new InputException(dataArgs.data + ": test label " + label + " does not occur in training");
            }
        }
        return max + 1;
    }

    /** The run's pictures and report, from the trained model and the history in memory. */
    private static void writePictures(RunFolder run, TrainingResult result, Dataset testSet) {
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
        RunReport.write(run, model.info(), result.history());
    }
}
