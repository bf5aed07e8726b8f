package org.vae4j.cli.pictures;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vae4j.train.EpochMetrics;

/**
 * The training curves of several runs in one plot: each run's test loss per epoch as a solid line,
 * its train loss dashed in the same colour, in nats per example.
 */
public final class RunCurves {

    private RunCurves() {
    }

    /**
     * @param names one distinct name per run
     * @param histories each run's epochs, in order
     */
    public static BufferedImage render(List<String> names, List<List<EpochMetrics>> histories) {
        if (names.size() != histories.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + histories.size() + " runs");
        }
        XYChart chart = new XYChartBuilder().width(900).height(560)
                .title("Test loss (solid) and train loss (dashed) per epoch")
                .xAxisTitle("epoch").yAxisTitle("-ELBO, nats per example").build();
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe6e6e6));
        chart.getStyler().setXAxisDecimalPattern("0");
        Color[] colors = chart.getStyler().getSeriesColors();
        for (int r = 0; r < names.size(); r++) {
            List<EpochMetrics> history = histories.get(r);
            Color color = colors[r % colors.length];
            double[] epochs = history.stream().mapToDouble(EpochMetrics::epoch).toArray();
            XYSeries test = chart.addSeries(names.get(r) + " test", epochs,
                    history.stream().mapToDouble(EpochMetrics::testLoss).toArray());
            test.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(color).setLineColor(color);
            XYSeries train = chart.addSeries(names.get(r) + " train", epochs,
                    history.stream().mapToDouble(EpochMetrics::trainLoss).toArray());
            train.setMarker(SeriesMarkers.NONE).setLineColor(color).setLineStyle(SeriesLines.DASH_DASH);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }
}
