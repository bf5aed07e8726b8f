package org.vae4j.cli.pictures;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The mean ELBO of the refined posteriors against the refinement step, between two horizontal lines:
 * the ELBO of the encoder's posteriors (amortized) and the IWAE estimate of log p(x).
 */
public final class RefinementCurve {

    /** The colour of the refined ELBO's curve. */
    public static final Color REFINED = new Color(31, 119, 180);
    /** The colour of the amortized ELBO's line. */
    public static final Color AMORTIZED = new Color(214, 39, 40);
    /** The colour of the IWAE estimate's line. */
    public static final Color IWAE = new Color(44, 160, 44);

    private RefinementCurve() {
    }

    /**
     * @param trace the mean ELBO after t steps, t = 0..steps (nats per example)
     * @param amortized the amortized ELBO
     * @param iwae the IWAE estimate of log p(x) with k samples
     */
    public static BufferedImage render(String title, double[] trace, double amortized, double iwae, int k) {
        int steps = trace.length - 1;
        double[] x = new double[trace.length];
        for (int t = 0; t < x.length; t++) {
            x[t] = t;
        }
        XYChart chart = new XYChartBuilder().width(800).height(540).title(title).xAxisTitle("refinement step")
                .yAxisTitle("nats per example").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        line(chart, "refined ELBO (mean over examples)", x, trace, REFINED, SeriesLines.SOLID);
        double[] ends = {0, Math.max(steps, 1)};
        line(chart, String.format("amortized ELBO %.2f", amortized), ends, new double[] {amortized, amortized},
                AMORTIZED, SeriesLines.DASH_DASH);
        line(chart, String.format("IWAE k=%d %.2f", k, iwae), ends, new double[] {iwae, iwae}, IWAE,
                SeriesLines.DASH_DASH);
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static void line(XYChart chart, String name, double[] x, double[] y, Color color,
            java.awt.BasicStroke stroke) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineStyle(stroke);
        series.setLineWidth(2f);
    }
}
