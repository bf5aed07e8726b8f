package org.vae4j.cli.pictures;

import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Estimates of log p(x) against the number of samples M (log axis), one line per estimator, with error bars. */
public final class LikelihoodPlot {

    /**
     * One estimator's estimates.
     *
     * @param name the legend entry
     * @param samples the sample counts M, increasing
     * @param logPx the mean estimate of log p(x) at each M, nats per example
     * @param stdErr its standard error over examples
     */
    public record Series(String name, double[] samples, double[] logPx, double[] stdErr) {
    }

    private LikelihoodPlot() {
    }

    public static BufferedImage render(String title, List<Series> series) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title)
                .xAxisTitle("samples per example M").yAxisTitle("mean estimate of log p(x), nats per example").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        for (Series s : series) {
            chart.addSeries(s.name(), s.samples(), s.logPx(), s.stdErr()).setMarker(SeriesMarkers.CIRCLE);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }
}
