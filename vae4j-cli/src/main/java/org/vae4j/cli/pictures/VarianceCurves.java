package org.vae4j.cli.pictures;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Gradient variance against the number of samples S on log-log axes, one line per estimator. */
public final class VarianceCurves {

    private VarianceCurves() {
    }

    /**
     * @param lines per estimator (in legend order), its points {S values, variances}, both positive
     */
    public static BufferedImage render(String title, Map<String, double[][]> lines) {
        XYChart chart = new XYChartBuilder().width(900).height(600).title(title)
                .xAxisTitle("samples per example S").yAxisTitle("tr Cov of the encoder gradient").build();
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe6e6e6));
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        for (Map.Entry<String, double[][]> line : lines.entrySet()) {
            double[][] points = line.getValue();
            chart.addSeries(line.getKey(), points[0], points[1]).setMarker(SeriesMarkers.CIRCLE);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }
}
