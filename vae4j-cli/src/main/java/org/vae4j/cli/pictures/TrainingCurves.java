package org.vae4j.cli.pictures;

import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vae4j.train.EpochMetrics;

/** Training curves: train and test loss, reconstruction and KL per epoch, in nats per example. */
public final class TrainingCurves {

    private TrainingCurves() {
    }

    public static BufferedImage render(List<EpochMetrics> history, boolean hasKl) {
        double[] epochs = history.stream().mapToDouble(EpochMetrics::epoch).toArray();
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title(hasKl ? "Training: -ELBO and its terms" : "Training: reconstruction loss")
                .xAxisTitle("epoch").yAxisTitle("nats per example").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        add(chart, "train loss", epochs, history.stream().mapToDouble(EpochMetrics::trainLoss).toArray());
        add(chart, "test loss", epochs, history.stream().mapToDouble(EpochMetrics::testLoss).toArray());
        if (hasKl) {
            add(chart, "test reconstruction", epochs, history.stream().mapToDouble(EpochMetrics::testRecon).toArray());
            add(chart, "test KL", epochs, history.stream().mapToDouble(EpochMetrics::testKl).toArray());
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static void add(XYChart chart, String name, double[] x, double[] y) {
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
    }
}
