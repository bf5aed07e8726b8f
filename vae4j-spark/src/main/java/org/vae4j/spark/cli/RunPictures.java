package org.vae4j.spark.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.vae4j.api.Images;
import org.vae4j.api.TrainedModel;
import org.vae4j.io.ImageGrid;
import org.vae4j.io.Png;
import org.vae4j.run.RunFolder;
import org.vae4j.train.EpochMetrics;

/** The pictures of a run folder: loss curves, reconstructions of test examples, samples from the prior. */
final class RunPictures {

    private static final int SHOWN = 16;

    private RunPictures() {
    }

    static void write(Path run, List<EpochMetrics> history, org.vae4j.data.Dataset test) {
        RunFolder folder = RunFolder.at(run);
        curves(folder.file(RunFolder.CURVES), history);
        try (TrainedModel model = TrainedModel.load(run)) {
            int h = model.config().height();
            int w = model.config().width();
            int c = model.config().channels();
            if (h == 1) {
                return; // tabular rows: no pictures of them
            }
            ImageGrid grid = new ImageGrid(h, w, c);
            if (test != null) {
                org.vae4j.data.Dataset shown = test.head(Math.min(SHOWN, test.n()));
                Images recon = model.reconstruct(shown);
                float[] both = new float[2 * shown.n() * recon.dim()];
                shown.copyValues(0, both, 0, shown.n() * recon.dim());
                System.arraycopy(recon.values(), 0, both, shown.n() * recon.dim(), shown.n() * recon.dim());
                Png.write(grid.render(both, shown.n()), folder.file(RunFolder.RECONSTRUCTIONS));
            }
            Png.write(grid.render(model.sample(64, 1).values(), 8), folder.file(RunFolder.SAMPLES));
        }
    }

    private static void curves(Path file, List<EpochMetrics> history) {
        XYChart chart = new XYChartBuilder().width(640).height(400).title("loss (nats)").xAxisTitle("epoch")
                .yAxisTitle("-ELBO").build();
        double[] epochs = history.stream().mapToDouble(EpochMetrics::epoch).toArray();
        chart.addSeries("train", epochs, history.stream().mapToDouble(EpochMetrics::trainLoss).toArray());
        if (history.stream().noneMatch(m -> Double.isNaN(m.testLoss()))) {
            chart.addSeries("test", epochs, history.stream().mapToDouble(EpochMetrics::testLoss).toArray());
        }
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the curves", e);
        }
    }
}
