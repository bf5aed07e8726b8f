package org.vae4j.spark;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.vae4j.dist.RowNoise;
import org.vae4j.error.InputException;
import org.vae4j.io.DataInfo;
import org.vae4j.io.ModelInfo;
import org.vae4j.io.ModelStore;
import org.vae4j.model.ModelConfig;
import org.vae4j.run.Checkpointer;
import org.vae4j.run.MetricsLog;
import org.vae4j.run.RunFolder;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.ReplicaState;
import org.vae4j.train.TrainConfig;
import org.vae4j.train.TrainingReplica;

/**
 * Trains a vae4j model on a DataFrame's column of examples with Spark, and returns the {@link VaeModel}
 * that scores with it: a Spark ML {@code Estimator}. The rows stay on the executors, one cached shard
 * per partition; the driver holds the master copy of the model. Two {@link Mode}s: {@code sync} takes
 * exactly the single-machine Trainer's steps (one Spark job per step), {@code average} lets each partition
 * train its own replica, in local steps of B/P rows (the global batch split as in sync), and averages them
 * every H local steps (one job per H steps).
 *
 * <p>After every epoch a line goes to the run folder's metrics.jsonl and the model with Adam's state to its
 * model/ folder (a local path, or any Hadoop file system through a local copy); {@code resume} continues
 * a run from its last checkpoint. The architecture and training settings are the library's records
 * ({@link #setModelConfig}, {@link #setTrainConfig}); this estimator is not saved itself (its model is).
 */
public final class VaeEstimator extends Estimator<VaeModel> {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> inputCol;
    private final Param<String> runPath;
    private final Param<String> mode;
    private final IntParam every;
    private final BooleanParam resume;
    private ModelConfig modelConfig;
    private TrainConfig trainConfig = TrainConfig.defaults();
    private transient org.vae4j.data.Dataset testData;
    private transient Consumer<String> progress = line -> { };
    private transient List<EpochMetrics> history = List.of();

    public VaeEstimator() {
        this(Identifiable.randomUID("vaeEstimator"));
    }

    public VaeEstimator(String uid) {
        this.uid = uid;
        inputCol = new Param<>(this, "inputCol", "the column of examples: array<float>, array<double> or vector");
        runPath = new Param<>(this, "runPath", "the run folder: model/, metrics.jsonl (a path or a Hadoop URI)");
        mode = new Param<>(this, "mode", "sync (exact synchronous SGD) or average (periodic averaging)",
                ParamValidators.inArray(new String[] {"sync", "average"}));
        every = new IntParam(this, "every", "local steps between averages (mode average)", ParamValidators.gtEq(1));
        resume = new BooleanParam(this, "resume", "continue the run saved in runPath");
        setDefault(inputCol, "features");
        setDefault(mode, "sync");
        setDefault(every, 10);
        setDefault(resume, false);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public Param<String> runPath() {
        return runPath;
    }

    public Param<String> mode() {
        return mode;
    }

    public IntParam every() {
        return every;
    }

    public BooleanParam resume() {
        return resume;
    }

    public VaeEstimator setInputCol(String value) {
        return (VaeEstimator) set(inputCol, value);
    }

    public VaeEstimator setRunPath(String value) {
        return (VaeEstimator) set(runPath, value);
    }

    public VaeEstimator setMode(String value) {
        return (VaeEstimator) set(mode, value);
    }

    public VaeEstimator setEvery(int value) {
        return (VaeEstimator) set(every, value);
    }

    public VaeEstimator setResume(boolean value) {
        return (VaeEstimator) set(resume, value);
    }

    /** The architecture of a new run (its input size must be the column's). */
    public VaeEstimator setModelConfig(ModelConfig config) {
        this.modelConfig = config;
        return this;
    }

    /** How to train (default {@link TrainConfig#defaults()}). */
    public VaeEstimator setTrainConfig(TrainConfig config) {
        this.trainConfig = config;
        return this;
    }

    /** Data held on the driver to evaluate after every epoch (metrics.jsonl's test loss); optional. */
    public VaeEstimator setTestData(org.vae4j.data.Dataset test) {
        this.testData = test;
        return this;
    }

    /** Told one line after every step (sync) or round (average). */
    public VaeEstimator setProgress(Consumer<String> listener) {
        this.progress = listener;
        return this;
    }

    /** The metrics of every epoch of the last {@link #fit}, earlier epochs of a resumed run included. */
    public List<EpochMetrics> history() {
        return history;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        if (modelConfig == null && !(Boolean) $(resume)) {
            throw new IllegalArgumentException("VaeEstimator needs a model configuration (setModelConfig)");
        }
        if (!isDefined(runPath)) {
            throw new IllegalArgumentException("VaeEstimator needs runPath, the folder to save the run in");
        }
        InputColumn.of(schema, $(inputCol));
        return schema;
    }

    @Override
    public VaeModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        Dataset<Row> data = dataset.toDF();
        Mode how = Mode.of($(mode));
        RunStore store = RunStore.at($(runPath), data.sparkSession().sparkContext().hadoopConfiguration());
        if ((Boolean) $(resume)) {
            store.pull();
        }
        RunFolder folder = RunFolder.at(store.local());
        ModelInfo saved = null;
        if ((Boolean) $(resume)) {
            if (!folder.hasModel()) {
                throw InputException.of(folder.dir(), "holds no model to resume");
            }
            saved = folder.info();
        } else if (folder.hasModel() || Files.exists(folder.metrics())) {
            throw InputException.of(folder.dir(), "already holds a run; resume it or choose another folder");
        }
        ModelConfig config = saved != null ? saved.config() : modelConfig;
        TrainConfig training = saved != null ? saved.training().resumedWith(trainConfig) : trainConfig;
        if (config.classes() > 0) {
            throw new IllegalArgumentException("VaeEstimator trains unconditional models; a class-conditional one "
                    + "needs labels");
        }
        if (how == Mode.SYNC) {
            TrainingReplica.requireSplittable(config, training);
        }
        InputColumn input = InputColumn.of(data.schema(), $(inputCol));
        int dim = config.inputDim();
        long rows = ColumnCheck.run(data, input, dim);
        if (rows == 0) {
            throw new IllegalArgumentException("column " + input.name + ": the data has no rows");
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        JavaRDD<Shard> shards = Shard.of(data, input, dim);
        try (TrainingReplica master = TrainingReplica.create(config, training)) {
            String fingerprint = fingerprint(shards);
            int firstEpoch = 1;
            List<EpochMetrics> all = new ArrayList<>();
            ModelInfo info;
            if (saved != null) {
                if (!fingerprint.equals(saved.data().fingerprint())) {
                    throw new InputException($(runPath) + ": the data differs from the data the saved model was "
                            + "trained on (fingerprints differ); resume with the same data");
                }
                master.restore(savedState(folder.dir()));
                MetricsLog.keepEpochsUpTo(folder.metrics(), saved.epochsDone());
                all.addAll(folder.history());
                firstEpoch = saved.epochsDone() + 1;
                info = saved.withTraining(training);
            } else {
                Files.createDirectories(folder.dir());
                info = new ModelInfo(config, training, 0, new DataInfo(input.name, fingerprint, (int) rows,
                        testData == null ? 0 : testData.n(), null, null));
            }
            DistributedTraining run = new DistributedTraining(sc, shards, config, training, master, how,
                    (Integer) $(every), testData);
            MetricsLog log = new MetricsLog(folder.metrics(), training);
            Checkpointer checkpointer = new Checkpointer(folder.modelDir(), master.model(), master.adam(),
                    info.withEpochsDone(firstEpoch - 1));
            for (int epoch = firstEpoch; epoch <= training.epochs(); epoch++) {
                EpochMetrics metrics = run.epoch(epoch, progress);
                log.onEpochEnd(metrics);
                checkpointer.onEpochEnd(metrics);
                store.push();
                all.add(metrics);
            }
            history = List.copyOf(all);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            shards.unpersist(false);
        }
        VaeModel model = new VaeModel().setModelPath(folder.dir().toAbsolutePath().toString())
                .setInputCol($(inputCol));
        model.setParent(this);
        return model;
    }

    /** The saved model's parameters and Adam state, for a resume. */
    private static ReplicaState savedState(Path dir) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelStore.LoadedModel loaded = ModelStore.load(dir, manager);
            if (loaded.optimizerState() == null) {
                throw InputException.of(loaded.dir(), "holds no optimizer state, so training cannot resume");
            }
            return new ReplicaState(loaded.model().parameterVector().vector().toFloatArray(),
                    loaded.optimizerState().get(1).toFloatArray(), loaded.optimizerState().get(2).toFloatArray(),
                    loaded.optimizerState().get(0).toLongArray()[0]);
        }
    }

    /**
     * A fingerprint of the rows in order, whatever the partitioning: sum_i mix(key_i, i) over the rows' keys
     * ({@link RowNoise#key}) and global indices i.
     */
    private static String fingerprint(JavaRDD<Shard> shards) {
        long sum = shards.map(s -> {
            long h = 0;
            for (int i = 0; i < s.n(); i++) {
                h += RowNoise.rowSeed(s.start() + i, 0, RowNoise.key(s.x(), i * s.dim(), s.dim()));
            }
            return h;
        }).reduce(Long::sum);
        return "spark-rows:" + HexFormat.of().toHexDigits(sum);
    }

    @Override
    public VaeEstimator copy(ParamMap extra) {
        VaeEstimator copy = copyValues(new VaeEstimator(uid), extra);
        copy.modelConfig = modelConfig;
        copy.trainConfig = trainConfig;
        copy.testData = testData;
        copy.progress = progress;
        return copy;
    }
}
