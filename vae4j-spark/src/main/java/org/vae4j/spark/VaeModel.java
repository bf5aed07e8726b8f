package org.vae4j.spark;

import java.nio.file.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.vae4j.api.Scoring;
import org.vae4j.api.TrainedModel;
import org.vae4j.io.ModelInfo;
import org.vae4j.io.ModelStore;

/**
 * A trained vae4j model as a Spark ML {@code Transformer}: to every row of a DataFrame whose input column
 * holds an example ({@code array<float>}, {@code array<double>} or an ML {@code Vector} of the model's D
 * values) it appends {@code z_mean} and {@code z_logvar} (the mean and log sigma^2 of q(z|x)),
 * {@code elbo} (one draw of z), {@code nll} (the IWAE estimate of -log p(x) with k samples) and
 * {@code recon_error} (|x - E[x|z = mean]|^2 summed over D), exactly as
 * {@link TrainedModel#scoreRows(org.vae4j.data.Dataset, long[], Scoring)} computes them: each row's noise
 * is seeded by its key (the key column, else its values), so results do not depend on partitioning.
 *
 * <p>The schema and the model's kind are checked on the driver; one light pass then checks the values
 * (nulls, lengths, NaN) before any scoring, and either fails with one line naming the column. Each executor
 * JVM loads the model once ({@link ModelCache}), from the model path, which every executor must be able to
 * read (a shared or local file system; this writer saves the path, not the files). Saves and loads with
 * {@link #write()} / {@link #load(String)}, alone or in a {@code Pipeline}.
 */
public final class VaeModel extends Model<VaeModel> implements DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> modelPath;
    private final Param<String> inputCol;
    private final Param<String> keyCol;
    private final Param<String> outputPrefix;
    private final IntParam k;
    private final IntParam batchSize;
    private final LongParam seed;

    public VaeModel() {
        this(Identifiable.randomUID("vaeModel"));
    }

    public VaeModel(String uid) {
        this.uid = uid;
        modelPath = new Param<>(this, "modelPath", "the run or model folder of a trained vae4j model");
        inputCol = new Param<>(this, "inputCol", "the column of examples: array<float>, array<double> or vector");
        keyCol = new Param<>(this, "keyCol", "an integer column that keys each row's noise; empty: the row's values");
        outputPrefix = new Param<>(this, "outputPrefix", "a prefix for the output columns' names");
        k = new IntParam(this, "k", "importance samples of the IWAE estimate of -log p(x)", ParamValidators.gtEq(1));
        batchSize = new IntParam(this, "batchSize", "rows per batch on an executor", ParamValidators.gtEq(1));
        seed = new LongParam(this, "seed", "the seed of the scoring noise");
        setDefault(inputCol, "features");
        setDefault(keyCol, "");
        setDefault(outputPrefix, "");
        setDefault(k, Scoring.DEFAULT_IMPORTANCE_SAMPLES);
        setDefault(batchSize, TrainedModel.BATCH);
        setDefault(seed, 1L);
    }

    public static MLReader<VaeModel> read() {
        return new DefaultParamsReader<>();
    }

    public static VaeModel load(String path) {
        return read().load(path);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> modelPath() {
        return modelPath;
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public Param<String> keyCol() {
        return keyCol;
    }

    public Param<String> outputPrefix() {
        return outputPrefix;
    }

    public IntParam k() {
        return k;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public LongParam seed() {
        return seed;
    }

    public VaeModel setModelPath(String value) {
        return (VaeModel) set(modelPath, value);
    }

    public VaeModel setInputCol(String value) {
        return (VaeModel) set(inputCol, value);
    }

    public VaeModel setKeyCol(String value) {
        return (VaeModel) set(keyCol, value);
    }

    public VaeModel setOutputPrefix(String value) {
        return (VaeModel) set(outputPrefix, value);
    }

    public VaeModel setK(int value) {
        return (VaeModel) set(k, value);
    }

    public VaeModel setBatchSize(int value) {
        return (VaeModel) set(batchSize, value);
    }

    public VaeModel setSeed(long value) {
        return (VaeModel) set(seed, value);
    }

    /** The names of the appended columns, in order: z_mean, z_logvar, elbo, nll, recon_error (with the prefix). */
    public String[] outputColumns() {
        String p = $(outputPrefix);
        return new String[] {p + "z_mean", p + "z_logvar", p + "elbo", p + "nll", p + "recon_error"};
    }

    @Override
    public StructType transformSchema(StructType schema) {
        ModelInfo info = info();
        if (info.config().classes() > 0) {
            throw new IllegalArgumentException($(modelPath) + " holds a class-conditional model, which VaeModel does "
                    + "not score (it needs labels)");
        }
        InputColumn.of(schema, $(inputCol));
        if (!$(keyCol).isEmpty()) {
            DataType type = InputColumn.field(schema, $(keyCol), "the key column").dataType();
            if (!type.equals(DataTypes.LongType) && !type.equals(DataTypes.IntegerType)) {
                throw new IllegalArgumentException("column " + $(keyCol) + " (the key column) is " + type.simpleString()
                        + "; expected int or bigint");
            }
        }
        StructType out = schema;
        String[] names = outputColumns();
        DataType[] types = {DataTypes.createArrayType(DataTypes.FloatType, false),
            DataTypes.createArrayType(DataTypes.FloatType, false), DataTypes.DoubleType, DataTypes.DoubleType,
            DataTypes.DoubleType};
        for (int i = 0; i < names.length; i++) {
            for (StructField f : schema.fields()) {
                if (f.name().equals(names[i])) {
                    throw new IllegalArgumentException("column " + names[i] + " is already in the data (set an "
                            + "outputPrefix)");
                }
            }
            out = out.add(names[i], types[i], true);
        }
        return out;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType outSchema = transformSchema(dataset.schema());
        Dataset<Row> data = dataset.toDF();
        InputColumn input = InputColumn.of(data.schema(), $(inputCol));
        int dim = info().config().inputDim();
        ColumnCheck.run(data, input, dim);
        Path modelDir = ModelStore.resolve(Path.of($(modelPath))).toAbsolutePath();
        int keyIndex = $(keyCol).isEmpty() ? -1 : data.schema().fieldIndex($(keyCol));
        PartitionScorer scorer = new PartitionScorer(modelDir.toString(), ModelCache.fingerprint(modelDir), input,
                data.schema().fieldIndex($(inputCol)), keyIndex, dim, (Integer) $(batchSize), (Integer) $(k),
                (Long) $(seed));
        JavaRDD<Row> scored = data.javaRDD().mapPartitions(scorer);
        return data.sparkSession().createDataFrame(scored, outSchema);
    }

    private ModelInfo info() {
        if (!isDefined(modelPath)) {
            throw new IllegalArgumentException("VaeModel needs modelPath, the folder of a trained model");
        }
        return ModelStore.readInfo(Path.of($(modelPath)));
    }

    @Override
    public VaeModel copy(ParamMap extra) {
        VaeModel copy = copyValues(new VaeModel(uid), extra);
        return copy.setParent(parent());
    }
}
