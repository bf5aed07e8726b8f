package org.vae4j.run;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.DataSources;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.data.ResidentData;
import org.vae4j.dist.RngStreams;
import org.vae4j.error.InputException;
import org.vae4j.error.SettingException;
import org.vae4j.io.DataInfo;
import org.vae4j.io.ModelInfo;
import org.vae4j.io.ModelStore;
import org.vae4j.model.LatentModel;
import org.vae4j.model.ModelConfig;
import org.vae4j.objective.Objective;
import org.vae4j.optim.Adam;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.TrainConfig;
import org.vae4j.train.Trainer;
import org.vae4j.train.TrainingDivergedException;
import org.vae4j.train.TrainingListener;

/**
 * One training run, new or resumed: the data held by the engine, the model, Adam, and, with a run
 * folder, a line of metrics.jsonl and then a checkpoint after every epoch. Build it with {@link #builder()},
 * read what it is about to do ({@link #info()}, {@link #firstEpoch()}), then {@link #fit()}. Closing it
 * frees the model and the data, so use the trained model before.
 *
 * <p>From {@link Builder#build()} to {@link #close()} the run holds its folder's lock ({@link RunFolder#LOCK}),
 * so a second run into the same folder, in this process or another, refuses. A new run that ends without a
 * checkpoint (it diverged in its first epoch, its first checkpoint did not fit on the disk) takes back
 * what it wrote, and the folder too if it made it.
 *
 * <pre>{@code
 * try (Training training = Training.builder().data(split).model(config).training(settings).build()) {
 *     TrainedModel model = training.fit().model();
 *     ...
 * }
 * }</pre>
 */
public final class Training implements AutoCloseable {

    private final NDManager root;
    private final LatentModel model;
    private final Adam adam;
    private final ModelInfo info;
    private final ResidentData train;
    private final ResidentData test;
    private final int firstEpoch;
    private final RunFolder folder;
    private final List<TrainingListener> listeners;
    private final List<EpochMetrics> earlier;
    private final Hold hold;

    private Training(NDManager root, LatentModel model, Adam adam, ModelInfo info, DataSplit split, int firstEpoch,
            RunFolder folder, List<TrainingListener> listeners, List<EpochMetrics> earlier, Hold hold) {
        this.root = root;
        this.model = model;
        this.adam = adam;
        this.info = info;
        this.firstEpoch = firstEpoch;
        this.folder = folder;
        this.listeners = listeners;
        this.earlier = earlier;
        this.hold = hold;
        this.train = ResidentData.of(split.train(), root);
        Dataset test = split.test();
        this.test = ResidentData.of(info.training().binarize() ? test.binarized(RngStreams.BINARIZATION_SEED) : test,
                root);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What the run trains and on what, as model.json will say it. */
    public ModelInfo info() {
        return info;
    }

    /** The first epoch {@link #fit} trains (1 for a new run). */
    public int firstEpoch() {
        return firstEpoch;
    }

    /** True when a resumed model already has the epochs asked for, so {@link #fit} has nothing to do. */
    public boolean isDone() {
        return firstEpoch > info.training().epochs();
    }

    /** The number of trainable scalars. */
    public long parameterCount() {
        return model.parameterCount();
    }

    /** The number of training examples. */
    public int trainSize() {
        return train.size();
    }

    /** The number of test examples. */
    public int testSize() {
        return test.size();
    }

    /**
     * Trains epochs {@link #firstEpoch()}..epochs, checkpointing into the run folder after each.
     *
     * @throws TrainingDivergedException when the loss becomes NaN or infinite, saying which checkpoint is kept
     * @throws InputException when a checkpoint or the metrics cannot be written (a full disk), saying which
     *     checkpoint is kept
     */
    public TrainingResult fit() {
        List<TrainingListener> all = new ArrayList<>();
        all.add(new HeapCompaction());
        Checkpointer checkpointer = null;
        if (folder != null) {
            // the metrics line first: a run killed before the checkpoint that follows leaves a line that the
            // resume drops (MetricsLog.keepEpochsUpTo), while a checkpoint without its line would stay so
            all.add(new MetricsLog(folder.metrics(), info.training()));
            checkpointer = new Checkpointer(folder.modelDir(), model, adam, info.withEpochsDone(firstEpoch - 1));
            all.add(checkpointer);
        }
        all.addAll(listeners);
        List<EpochMetrics> history = new ArrayList<>(earlier);
        try {
            history.addAll(new Trainer(model, adam, info.training(), all).fit(train, test, firstEpoch));
        } catch (TrainingDivergedException e) {
            String kept = checkpointer == null ? "nothing was saved"
                    : checkpointer.epochsSaved() > 0
                            ? "the last good checkpoint (epoch " + checkpointer.epochsSaved() + ") is kept in "
                                    + folder.modelDir()
                            : "no epoch finished, so no model was saved";
            throw new TrainingDivergedException(e.getMessage() + "; " + kept);
        } catch (RuntimeException e) {
            if (checkpointer != null) {
                forgetUnsaved(checkpointer.epochsSaved());
            }
            throw e;
        }
        ModelInfo trained = info.withEpochsDone(Math.max(firstEpoch - 1, info.training().epochs()));
        return new TrainingResult(TrainedModel.of(model, trained, folder == null ? null : folder.modelDir()),
                List.copyOf(history));
    }

    /** Drops the metrics line of an epoch whose checkpoint failed, if the disk lets it. */
    private void forgetUnsaved(int epochsSaved) {
        try {
            MetricsLog.keepEpochsUpTo(folder.metrics(), epochsSaved);
        } catch (RuntimeException e) {
            // the resume drops it
        }
    }

    /** Frees the model, the optimizer and the data, and releases the run folder. */
    @Override
    public void close() {
        root.close();
        if (hold != null) {
            hold.release(hold.fresh() && !folder.hasModel());
        }
    }

    /**
     * A run's hold on its folder: the lock, whether the run is new, and the first folder of the path that
     * the run made (null if the folder was there).
     */
    private record Hold(RunFolder folder, RunLock lock, boolean fresh, Path created) {

        /** Makes the folder if need be and locks it. */
        static Hold take(RunFolder folder, boolean fresh) {
            Path dir = folder.dir().toAbsolutePath();
            Path created = null;
            for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
                created = p;
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw InputException.of(folder.dir(), "cannot create the run folder: " + e.getMessage(), e);
            }
            try {
                return new Hold(folder, RunLock.acquire(folder.dir()), fresh, created);
            } catch (RuntimeException e) {
                removeEmpty(dir, created);
                throw e;
            }
        }

        /**
         * Unlocks the folder at the end of the run.
         *
         * @param takeBack whether the run saved nothing, so that its metrics and lock file go, and the
         *     folders it made
         */
        void release(boolean takeBack) {
            end(takeBack, takeBack);
        }

        /** Unlocks the folder of a run that did not start: the lock file goes if it made it, and the folders. */
        void abandon() {
            end(false, true);
        }

        private void end(boolean metrics, boolean lockFile) {
            try {
                if (metrics) {
                    Files.deleteIfExists(folder.metrics());
                }
                if (lockFile && lock.createdFile()) {
                    Files.deleteIfExists(lock.file());
                }
            } catch (IOException e) {
                // left for the next run, which works with them
            } finally {
                lock.close();
            }
            removeEmpty(folder.dir().toAbsolutePath(), created);
        }

        /** Deletes {@code dir} and its parents up to {@code created}, as long as they are empty. */
        private static void removeEmpty(Path dir, Path created) {
            if (created == null) {
                return;
            }
            for (Path p = dir; p != null && p.startsWith(created); p = p.getParent()) {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    return;
                }
            }
        }
    }

    /** The settings of a run; {@link #build()} validates them and loads or creates the model. */
    public static final class Builder {
        private DataSplit data;
        private ModelConfig modelConfig;
        private TrainConfig trainConfig;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Path runFolder;
        private boolean resume;

        private Builder() {
        }

        /** The training and test data (required). */
        public Builder data(DataSplit split) {
            this.data = split;
            return this;
        }

        /**
         * The architecture (required for a new run; its height and width must be the data's). For a resumed
         * run it may be left out; if given, it must be the saved model's.
         */
        public Builder model(ModelConfig config) {
            this.modelConfig = config;
            return this;
        }

        /**
         * How to train (default: {@link TrainConfig#defaults()} for a new run, the saved settings for a resumed
         * one). A resumed run may change the final epoch,
         * the learning rate and the batch size, which model.json and metrics.jsonl then record; any other
         * change is refused.
         */
        public Builder training(TrainConfig config) {
            this.trainConfig = config;
            return this;
        }

        /** Told of every epoch and step (a progress display), after the checkpoint and the metrics line. */
        public Builder listener(TrainingListener listener) {
            this.listeners.add(listener);
            return this;
        }

        /** Where to checkpoint the model and append metrics.jsonl after every epoch (optional). */
        public Builder runFolder(Path dir) {
            this.runFolder = dir;
            return this;
        }

        /** Continue the model saved in the run folder instead of starting a new one. */
        public Builder resume(boolean continueSaved) {
            this.resume = continueSaved;
            return this;
        }

        /**
         * Creates the model (initialized from the training seed) or loads the saved one, and puts the data
         * into the engine.
         *
         * @throws InputException if the run folder does not fit (a model there for a new run, none to resume,
         *     other data than the saved model's)
         * @throws SettingException if a setting does not fit the data or the saved model
         */
        public Training build() {
            if (data == null) {
                throw new IllegalArgumentException("training needs data");
            }
            RunFolder folder = runFolder == null ? null : RunFolder.at(runFolder);
            if (resume && folder == null) {
                throw new IllegalArgumentException("resuming needs the run folder that holds the model");
            }
            Hold hold = folder == null ? null : Hold.take(folder, !resume);
            NDManager root = null;
            try {
                if (folder != null && !resume && folder.hasModel()) {
                    throw InputException.of(runFolder, "already holds a model; resume it or choose another folder");
                }
                if (folder != null && !resume && Files.exists(folder.metrics())) {
                    throw InputException.of(folder.metrics(), "is left from another run; choose another folder");
                }
                root = NDManager.newBaseManager();
                return resume ? resumed(root, folder, hold) : started(root, folder, hold);
            } catch (RuntimeException e) {
                if (root != null) {
                    root.close();
                }
                if (hold != null) {
                    hold.abandon();
                }
                throw e;
            }
        }

        private Training started(NDManager root, RunFolder folder, Hold hold) {
            if (modelConfig == null) {
                throw new IllegalArgumentException("a new run needs a model configuration");
            }
            Dataset trainSet = data.train();
            if (modelConfig.height() != trainSet.height() || modelConfig.width() != trainSet.width()
                    || modelConfig.channels() != trainSet.channels()) {
                throw new SettingException("shape", "the model's input of " + modelConfig.height() + "x"
                        + modelConfig.width() + "x" + modelConfig.channels(), "does not fit the data's "
                        + trainSet.height() + "x" + trainSet.width() + "x" + trainSet.channels());
            }
            TrainConfig training = trainConfig == null ? TrainConfig.defaults() : trainConfig;
            Objective.requireSupported(modelConfig, training.estimator());
            // parameters, their gradients (and the gradient vector Adam takes), Adam's two moments
            LatentModel.requireMemory(modelConfig, 5 * Float.BYTES, " to train (parameters, gradients, Adam's moments)");
            DataInfo dataInfo = new DataInfo(trainSet.name(), DataSources.fingerprint(trainSet), trainSet.n(),
                    data.test().n(), data.scaling() == null ? null : data.scaling().min(),
                    data.scaling() == null ? null : data.scaling().max(), data.classNames(), data.resize());
            ModelInfo info = new ModelInfo(modelConfig, training, 0, dataInfo);
            LatentModel model = LatentModel.create(modelConfig, root, training.seed());
            Adam adam = Adam.forVector(model.parameterVector(), training.learningRate(), root);
            return new Training(root, model, adam, info, data, 1, folder, List.copyOf(listeners), List.of(), hold);
        }

        private Training resumed(NDManager root, RunFolder folder, Hold hold) {
            ModelStore.LoadedModel loaded = ModelStore.load(folder.dir(), root);
            ModelInfo saved = loaded.info();
            if (!DataSources.fingerprint(data.train()).equals(saved.data().fingerprint())) {
                throw new InputException(data.source() + ": not the data the model in " + folder.dir()
                        + " was trained on (fingerprints differ); resume with the same data");
            }
            if (modelConfig != null && !modelConfig.equals(saved.config())) {
                throw new SettingException("architecture", "the architecture", "of a resumed model cannot change: "
                        + ModelConfig.difference(saved.config(), modelConfig));
            }
            TrainConfig training = trainConfig == null ? saved.training() : saved.training().resumedWith(trainConfig);
            if (loaded.optimizerState() == null) {
                throw InputException.of(loaded.dir(), "holds no optimizer state, so training cannot resume");
            }
            Adam adam = Adam.forVector(loaded.model().parameterVector(), training.learningRate(), root);
            adam.restore(loaded.optimizerState());
            loaded.optimizerState().close();
            MetricsLog.keepEpochsUpTo(folder.metrics(), saved.epochsDone());
            List<EpochMetrics> earlier = folder.history();
            return new Training(root, loaded.model(), adam, saved.withTraining(training), data,
                    saved.epochsDone() + 1, folder, List.copyOf(listeners), earlier, hold);
        }
    }
}
