package org.vae4j.spark.cli;

import org.vae4j.spark.DatasetFrames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.vae4j.data.DataOptions;
import org.vae4j.data.DataSources;
import org.vae4j.io.ModelInfo;
import org.vae4j.io.ModelStore;
import org.vae4j.spark.VaeModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Scores every row of a dataset with a trained model on Spark and writes the scores as Parquet. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score a dataset with a trained model: z_mean, z_logvar, elbo, nll (IWAE, k samples), recon_error.")
final class ScoreCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    SparkOptions spark;

    @Option(names = "--model", required = true, description = "the run or model folder of a trained model")
    Path model;

    @Option(names = "--input", required = true,
            description = "Parquet, a CSV file, an IDX folder, digits or fashion-mnist")
    String input;

    @Option(names = "--output", required = true, description = "the Parquet folder to write (must not exist)")
    Path output;

    @Option(names = "--input-column", defaultValue = "features", description = "Parquet: the column of examples")
    String inputColumn;

    @Option(names = "--key-column", description = "an integer column keying each row's noise (default: its values)")
    String keyColumn;

    @Option(names = "--label-column", description = "CSV: the label column's name or 0-based index (left out)")
    String labelColumn;

    @Option(names = "--split", defaultValue = "all", description = "data read on the driver: train, test or all")
    String split;

    @Option(names = "--k", defaultValue = "1000", description = "importance samples of -log p(x) (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the scoring noise")
    long seed;

    @Option(names = "--batch", defaultValue = "500", description = "rows per batch on an executor")
    int batch;

    @Option(names = "--top", defaultValue = "0", description = "print the N least likely rows")
    int top;

    @Override
    public Integer call() {
        spark.validate();
        if (k < 1 || batch < 1 || top < 0) {
            throw new IllegalArgumentException("--k and --batch must be at least 1 and --top at least 0");
        }
        if (!List.of("train", "test", "all").contains(split)) {
            throw new IllegalArgumentException("--split " + split + " is not one of train, test, all");
        }
        ModelInfo info = ModelStore.readInfo(model);
        if (Files.exists(output)) {
            throw new IllegalArgumentException(output + " already exists; choose another --output");
        }
        boolean parquet = Inputs.isParquet(input);
        org.vae4j.data.Dataset local = null;
        if (!parquet) {
            local = readLocal(info);
        } else if (labelColumn != null) {
            throw new IllegalArgumentException("--label-column is for CSV input; Parquet names its --input-column");
        }
        long started = System.nanoTime();
        SparkSession session = spark.session("vae4j-spark score");
        try {
            Dataset<Row> data = parquet ? Inputs.parquet(session, input) : DatasetFrames.of(session, local, spark.partitions);
            VaeModel scorer = new VaeModel().setModelPath(model.toString())
                    .setInputCol(parquet ? inputColumn : DatasetFrames.FEATURES).setK(k).setSeed(seed).setBatchSize(batch);
            if (keyColumn != null) {
                scorer.setKeyCol(keyColumn);
            }
            Dataset<Row> scored = scorer.transform(data);
            scored.write().parquet(output.toString());
            double seconds = (System.nanoTime() - started) / 1e9;
            Dataset<Row> written = session.read().parquet(output.toString());
            Row summary = written.agg(functions.count("*"), functions.avg("elbo"), functions.avg("nll"),
                    functions.avg("recon_error")).first();
            long rows = summary.getLong(0);
            spec.commandLine().getOut().printf("scored %d rows in %.1f s (%.0f rows/s, k=%d): mean elbo %.3f, mean nll %s, "
                    + "mean recon_error %.4f -> %s%n", rows, seconds, rows / seconds, k, summary.getDouble(1),
                    summary.isNullAt(2) ? "n/a" : String.format("%.3f", summary.getDouble(2)), summary.getDouble(3),
                    output);
            if (top > 0) {
                String by = summary.isNullAt(2) ? "elbo" : "nll";
                Dataset<Row> worst = summary.isNullAt(2) ? written.orderBy(functions.col("elbo").asc())
                        : written.orderBy(functions.col("nll").desc());
                String id = List.of(written.columns()).contains("id") ? "id" : null;
                spec.commandLine().getOut().println("least likely rows (" + by + "):");
                for (Row row : worst.limit(top).collectAsList()) {
                    spec.commandLine().getOut().printf("  %s  %s %.3f%n",
                            id == null ? "" : "id " + row.get(row.fieldIndex(id)), by,
                            row.getDouble(row.fieldIndex(by)));
                }
            }
            spec.commandLine().getOut().flush();
        } finally {
            session.stop();
        }
        return SparkMain.OK;
    }

    private org.vae4j.data.Dataset readLocal(ModelInfo info) {
        if (!DataSources.isImageData(input) && Files.isRegularFile(Path.of(input))) {
            try (org.vae4j.api.TrainedModel trained = org.vae4j.api.TrainedModel.load(model)) {
                return trained.readRows(Path.of(input), labelColumn);
            }
        }
        var data = DataSources.resolve(input, new DataOptions(labelColumn, 0.1, null, info.training().seed(), null));
        info.requireShape(data.train(), input, model.toString());
        return switch (split) {
            case "train" -> data.train();
            case "test" -> data.test();
            default -> concat(data.train(), data.test());
        };
    }

    private static org.vae4j.data.Dataset concat(org.vae4j.data.Dataset a, org.vae4j.data.Dataset b) {
        int d = a.dim();
        float[] x = new float[(a.n() + b.n()) * d];
        a.copyValues(0, x, 0, a.n() * d);
        b.copyValues(0, x, a.n() * d, b.n() * d);
        return new org.vae4j.data.Dataset(a.name(), x, null, a.n() + b.n(), d, a.height(), a.width(), a.channels());
    }
}
