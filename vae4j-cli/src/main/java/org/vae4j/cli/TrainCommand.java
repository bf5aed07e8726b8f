package org.vae4j.cli;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vae4j.cli.pictures.Png;
import org.vae4j.cli.pictures.TrainingCurves;
import org.vae4j.data.DataSources;
import org.vae4j.data.DataSplit;
import org.vae4j.dist.Rng;
import org.vae4j.run.Checkpointer;
import org.vae4j.io.DataInfo;
import org.vae4j.error.InputException;
import org.vae4j.run.MetricsLog;
import org.vae4j.io.ModelInfo;
import org.vae4j.io.ModelStore;
import org.vae4j.io.ModelStore.LoadedModel;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.objective.GradientEstimator;
import org.vae4j.objective.Objective;
import org.vae4j.objective.ObjectiveKind;
import org.vae4j.model.ModelKind;
import org.vae4j.model.PriorKind;
import org.vae4j.optim.Adam;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.ProcessMemory;
import org.vae4j.data.ResidentData;
import org.vae4j.train.TrainConfig;
import org.vae4j.train.Trainer;
import org.vae4j.train.TrainingDivergedException;
import org.vae4j.train.TrainingListener;
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

    @Option(names = "--seed", defaultValue = "1", description = "seed of initialization, shuffling and noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--resume", description = "continue the model in --out up to --epochs")
    boolean resume;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        boolean hasModel = ModelStore.exists(out);
        if (hasModel && !resume) {
            throw InputException.of(out, "already holds a model; pass --resume to continue it, or choose another --out");
        }
        if (resume && !hasModel) {
            throw InputException.of(out, "no model to resume (expected " + out.resolve(ModelStore.MODEL_DIR) + ")");
        }
        Path modelDir = out.resolve(ModelStore.MODEL_DIR);
        try (NDManager root = NDManager.newBaseManager()) {
            Session session = resume ? resumeSession(root) : newSession(root);
            // the data now lives in the engine; let the JVM give back the heap copies it was read into
            System.gc();
            createFolder(out);
            try (LatentModel model = session.model; Adam adam = session.adam) {
                TrainConfig training = session.info.training();
                if (session.firstEpoch > training.epochs()) {
                    stdout.printf("%s is already trained for %d epochs; raise --epochs to train more%n", out,
                            session.info.epochsDone());
                    return ExitCodes.OK;
                }
                stdout.printf("training a %s%s (%,d parameters) on %s: %d train / %d test examples of %d values%n",
                        model.config().kind().id(), priorText(model.config()), model.parameterCount(),
                        session.info.data().name(),
                        session.train.size(), session.test.size(), session.train.dim());
                stdout.flush();
                Checkpointer checkpointer = new Checkpointer(modelDir, model, adam, session.info);
                List<TrainingListener> listeners = new ArrayList<>();
                listeners.add(new HeapCompaction());
                listeners.add(new MetricsLog(out.resolve("metrics.jsonl")));
                listeners.add(checkpointer);
                if (!quiet) {
                    listeners.add(new ProgressListener(training.epochs(), System.err, stdout));
                }
                Trainer trainer = new Trainer(model, adam, training, listeners);
                try {
                    trainer.fit(session.train, session.test, session.firstEpoch);
                } catch (TrainingDivergedException e) {
                    String kept = checkpointer.epochsSaved() > 0
                            ? "the last good checkpoint (epoch " + checkpointer.epochsSaved() + ") is kept in " + modelDir
                            : "no epoch finished, so no model was saved";
                    throw new TrainingDivergedException(e.getMessage() + "; " + kept);
                }
                writePictures(model, session.test, training.seed(), root);
                List<EpochMetrics> history = MetricsLog.read(out.resolve("metrics.jsonl"));
                EpochMetrics last = history.get(history.size() - 1);
                stdout.printf("done: epoch %d, test loss %.3f nats per example; peak RSS %.0f MiB%n", last.epoch(),
                        last.testLoss(), ProcessMemory.peakResidentMiB());
                stdout.printf("wrote %s (model/, metrics.jsonl, report.html, curves.png, reconstructions.png%s)%n", out,
                        model.config().kind().isVariational() ? ", samples.png" : "");
                return ExitCodes.OK;
            }
        }
    }

    /** " with a mog prior of 10 components", or nothing for the standard prior. */
    private static String priorText(ModelConfig config) {
        return config.prior().isLearned()
                ? " with a " + config.prior().id() + " prior of " + config.components() + " components" : "";
    }

    private static void createFolder(Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw InputException.of(dir, "cannot create the run folder: " + e.getMessage());
        }
    }

    /** Everything a training run needs, whether new or resumed. */
    private record Session(LatentModel model, Adam adam, ModelInfo info, ResidentData train, ResidentData test,
            int firstEpoch) {
    }

    private Session newSession(NDManager root) {
        if (k != null && objective != ObjectiveKind.IWAE) {
            throw new IllegalArgumentException("--k is for --objective iwae");
        }
        TrainConfig training = new TrainConfig(epochs, batch, lr, beta, warmup, binarize, seed)
                .withObjective(objective, objective == ObjectiveKind.IWAE ? (k == null ? 5 : k) : 1)
                .withEstimator(estimator);
        DataSplit split = dataArgs.load(seed, null);
        ModelConfig config = ModelConfig.builder().kind(kind)
                .shape(split.train().height(), split.train().width()).latentDim(latent).hidden(hidden)
                .likelihood(likelihood).sigma(sigma).classes(kind == ModelKind.CVAE ? classes(split) : 0)
                .prior(prior, components()).build();
        Objective.requireSupported(config, training.estimator());
        DataInfo dataInfo = new DataInfo(split.train().name(), DataSources.fingerprint(split.train()),
                split.train().n(), split.test().n(),
                split.scaling() == null ? null : split.scaling().min(),
                split.scaling() == null ? null : split.scaling().max());
        ModelInfo info = new ModelInfo(config, training, 0, dataInfo);
        LatentModel model = LatentModel.create(config, root, seed);
        Adam adam = Adam.forVector(model.parameterVector(), lr, root);
        return new Session(model, adam, info, trainData(split, root), testData(split, root, binarize), 1);
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

    private Session resumeSession(NDManager root) {
        LoadedModel loaded = ModelStore.load(out, root);
        ModelInfo saved = loaded.info();
        TrainConfig t = saved.training();
        TrainConfig training = t.withEpochs(epochs);
        DataSplit split = Workspace.dataFor(loaded, dataArgs);
        if (!DataSources.fingerprint(split.train()).equals(saved.data().fingerprint())) {
            throw new InputException(dataArgs.data + ": not the data the model in " + out
                    + " was trained on (fingerprints differ); resume with the same --data");
        }
        Adam adam = Adam.forVector(loaded.model().parameterVector(), t.learningRate(), root);
        if (loaded.optimizerState() == null) {
            throw InputException.of(loaded.dir(), "holds no optimizer state, so training cannot resume");
        }
        adam.restore(loaded.optimizerState());
        ModelInfo info = saved.withTraining(training);
        return new Session(loaded.model(), adam, info, trainData(split, root),
                testData(split, root, t.binarize()), saved.epochsDone() + 1);
    }

    private static ResidentData trainData(DataSplit split, NDManager root) {
        return ResidentData.of(split.train(), root);
    }

    private static ResidentData testData(DataSplit split, NDManager root, boolean binarized) {
        ResidentData test = ResidentData.of(split.test(), root);
        return binarized ? test.binarized(Workspace.TEST_BINARIZATION_SEED) : test;
    }

    private void writePictures(LatentModel model, ResidentData test, long seed, NDManager root) {
        ModelConfig config = model.config();
        List<EpochMetrics> history = MetricsLog.read(out.resolve("metrics.jsonl"));
        Png.write(TrainingCurves.render(history, config.kind().isVariational()), out.resolve("curves.png"));
        Pictures.writeReconstructions(Pictures.reconstructions(model, test.x(), test.labels(), Math.min(32, test.size()),
                root), config,
                out.resolve("reconstructions.png"));
        if (config.kind().isVariational()) {
            Pictures.writeSamples(Pictures.samples(model, 64, Rng.forStream(seed, -3), root), config,
                    out.resolve("samples.png"));
        }
        String dataName = RunReport.dataName(out);
        if (test.labels() != null && config.latentDim() >= 2) {
            Png.write(MapCommand.picture(model, test, dataName, root), out.resolve("map.png"));
        }
        if (config.latentDim() == 2) {
            Png.write(ManifoldCommand.runPicture(model, dataName, root), out.resolve("manifold.png"));
        }
        RunReport.write(out, history);
    }
}
