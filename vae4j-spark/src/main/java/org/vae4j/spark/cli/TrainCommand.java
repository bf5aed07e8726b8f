package org.vae4j.spark.cli;

import org.vae4j.spark.DatasetFrames;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.DataOptions;
import org.vae4j.data.DataSources;
import org.vae4j.data.DataSplit;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import org.vae4j.spark.Mode;
import org.vae4j.spark.VaeEstimator;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains a VAE on Spark into a run folder: model/, metrics.jsonl, curves.png, reconstructions.png, samples.png. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a VAE on Spark: exact synchronous SGD (--mode sync) or periodic averaging (--mode average --every H).")
final class TrainCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    SparkOptions spark;

    @Option(names = "--input", required = true, description = "Parquet, a CSV file, an IDX folder, digits or fashion-mnist")
    String input;

    @Option(names = "--input-column", defaultValue = "features", description = "Parquet: the column of examples")
    String inputColumn;

    @Option(names = "--shape", description = "Parquet: HxW of the examples (default 1xD)")
    String shape;

    @Option(names = "--label-column", description = "CSV: the label column's name or 0-based index (left out)")
    String labelColumn;

    @Option(names = "--out", required = true, description = "the run folder (a path or a Hadoop URI)")
    String out;

    @Option(names = "--epochs", defaultValue = "10", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--mode", defaultValue = "sync", description = "sync or average (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--every", defaultValue = "10", description = "average: local steps between averages (default: ${DEFAULT-VALUE})")
    int every;

    @Option(names = "--batch-size", defaultValue = "128", description = "global batch size; average mode: each of the P partitions takes B/P rows per local step (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam's learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--latent", defaultValue = "20", description = "latent dimensions (default: ${DEFAULT-VALUE})")
    int latent;

    @Option(names = "--hidden", defaultValue = "400", split = ",", description = "hidden layer widths (default: ${DEFAULT-VALUE})")
    List<Integer> hidden;

    @Option(names = "--likelihood", description = "bernoulli (images' default), gaussian-learned (CSV's default), ...")
    String likelihood;

    @Option(names = "--seed", defaultValue = "1", description = "seed of initialization, order and noise")
    long seed;

    @Option(names = "--resume", description = "continue the run saved in --out")
    boolean resume;

    @Override
    public Integer call() {
        spark.validate();
        Mode how = Mode.of(mode);
        if (every < 1) {
            throw new IllegalArgumentException("--every must be at least 1, got " + every);
        }
        TrainConfig training = new TrainConfig(epochs, batchSize, learningRate, 1, 0, false, seed);
        boolean parquet = Inputs.isParquet(input);
        DataSplit split = parquet ? null
                : DataSources.resolve(input, new DataOptions(labelColumn, 0.1, null, seed, null));
        int height;
        int width;
        int channels = 1;
        if (split != null) {
            height = split.train().height();
            width = split.train().width();
            channels = split.train().channels();
        } else if (shape != null) {
            String[] hw = shape.toLowerCase().split("x");
            if (hw.length != 2) {
                throw new IllegalArgumentException("--shape " + shape + " is not HxW");
            }
            height = Integer.parseInt(hw[0]);
            width = Integer.parseInt(hw[1]);
        } else {
            height = -1;
            width = -1;
        }
        boolean images = split != null && DataSources.isImageData(input);
        Likelihood lik = likelihood != null ? Arrays.stream(Likelihood.values()).filter(l -> l.id().equals(likelihood))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("--likelihood " + likelihood + " is not one of "
                        + Arrays.stream(Likelihood.values()).map(Likelihood::id).toList()))
                : images ? Likelihood.BERNOULLI : Likelihood.GAUSSIAN_LEARNED;
        if (how == Mode.SYNC) {
            // refuse settings sync cannot split, before Spark starts
            org.vae4j.train.TrainingReplica.requireSplittable(new ModelConfig(ModelKind.VAE, 1, 1, latent, hidden, lik,
                    0.1), training);
        }
        SparkSession session = spark.session("vae4j-spark train");
        try {
            Dataset<Row> data = parquet ? Inputs.parquet(session, input)
                    : DatasetFrames.of(session, split.train(), spark.partitions);
            String column = parquet ? inputColumn : DatasetFrames.FEATURES;
            if (height < 0) {
                Row first = data.select(column).first();
                Object v = first.get(0);
                int d = v instanceof org.apache.spark.ml.linalg.Vector vector ? vector.size() : first.getList(0).size();
                height = 1;
                width = d;
            }
            ModelConfig config = new ModelConfig(ModelKind.VAE, height, width, channels, List.of(latent), hidden, lik,
                    0.1, 0, org.vae4j.model.PriorKind.STANDARD, 0, org.vae4j.model.Architecture.MLP, List.of(),
                    org.vae4j.model.Hierarchy.NONE);
            VaeEstimator estimator = new VaeEstimator().setModelConfig(config).setTrainConfig(training).setRunPath(out)
                    .setMode(how.id()).setEvery(every).setResume(resume).setInputCol(column)
                    .setProgress(line -> { });
            if (split != null) {
                estimator.setTestData(split.test());
            }
            var err = spec.commandLine().getErr();
            var outWriter = spec.commandLine().getOut();
            estimator.setProgress(line -> { });
            var model = estimator.fit(data);
            for (EpochMetrics m : estimator.history()) {
                outWriter.printf("epoch %d: %.1f s, train loss %.3f, test loss %s%n", m.epoch(), m.seconds(),
                        m.trainLoss(), Double.isNaN(m.testLoss()) ? "n/a" : String.format("%.3f", m.testLoss()));
            }
            Path run = Path.of(model.getOrDefault(model.modelPath()));
            RunPictures.write(run, estimator.history(), split == null ? null : split.test());
            outWriter.println("run folder: " + run);
            outWriter.flush();
            err.flush();
        } finally {
            session.stop();
        }
        return SparkMain.OK;
    }
}
