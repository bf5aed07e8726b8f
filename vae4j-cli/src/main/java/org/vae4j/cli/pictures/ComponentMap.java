package org.vae4j.cli.pictures;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The components of a 2-D Gaussian mixture: the points coloured by their most likely component, and
 * each component's 1- and 2-sigma ellipses {x : (x - mu)^T Sigma^-1 (x - mu) = c^2}, c = 1, 2, drawn as
 * mu + c L (cos t, sin t) with Sigma = L L^T.
 */
public final class ComponentMap {

    private static final int ELLIPSE_POINTS = 100;

    private ComponentMap() {
    }

    /**
     * Renders the points and ellipses.
     *
     * @param points n * 2 values: x then y of each point
     * @param component the most likely component of each point, in 0..K-1
     * @param weights the K mixing weights
     * @param means K * 2 values
     * @param covariances K 2 x 2 matrices, row-major: [s_xx, s_xy, s_yx, s_yy] each
     */
    public static BufferedImage render(String title, String xAxisTitle, String yAxisTitle, float[] points,
            int[] component, double[] weights, double[] means, double[][] covariances) {
        int n = component.length;
        int k = weights.length;
        if (points.length != 2 * n || means.length != 2 * k || covariances.length != k) {
            throw new IllegalArgumentException("shapes: " + points.length + " coordinates, " + n + " points, "
                    + means.length + " mean values, " + covariances.length + " covariances for " + k + " components");
        }
        XYChart chart = new XYChartBuilder().width(900).height(720).title(title).xAxisTitle(xAxisTitle)
                .yAxisTitle(yAxisTitle).build();
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(n > 3000 ? 3 : 5);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe6e6e6));
        chart.getStyler().setPlotBorderVisible(false);
        Color[] palette = chart.getStyler().getSeriesColors();
        int[] counts = new int[k];
        for (int c : component) {
            counts[c]++;
        }
        for (int c = 0; c < k; c++) {
            Color color = palette[c % palette.length];
            if (counts[c] > 0) {
                double[] x = new double[counts[c]];
                double[] y = new double[counts[c]];
                int j = 0;
                for (int i = 0; i < n; i++) {
                    if (component[i] == c) {
                        x[j] = points[2 * i];
                        y[j] = points[2 * i + 1];
                        j++;
                    }
                }
                XYSeries series = chart.addSeries(String.format("component %d (weight %.3f)", c + 1, weights[c]), x, y);
                series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
                series.setMarker(SeriesMarkers.CIRCLE);
                series.setMarkerColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 110));
            }
            for (int sigmas = 1; sigmas <= 2; sigmas++) {
                double[][] ellipse = ellipse(means[2 * c], means[2 * c + 1], covariances[c], sigmas);
                XYSeries line = chart.addSeries("component " + (c + 1) + " at " + sigmas + " sigma", ellipse[0],
                        ellipse[1]);
                line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
                line.setMarker(SeriesMarkers.NONE);
                line.setLineColor(color.darker());
                line.setLineStyle(sigmas == 1 ? SeriesLines.SOLID : SeriesLines.DASH_DASH);
                line.setShowInLegend(false);
            }
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** mu + c L (cos t, sin t), closed, with L the Cholesky factor of [[a, b], [b, d]]. */
    static double[][] ellipse(double mx, double my, double[] sigma, double c) {
        double l11 = Math.sqrt(sigma[0]);
        double l21 = sigma[1] / l11;
        double l22 = Math.sqrt(Math.max(0, sigma[3] - l21 * l21));
        double[] x = new double[ELLIPSE_POINTS + 1];
        double[] y = new double[ELLIPSE_POINTS + 1];
        for (int i = 0; i <= ELLIPSE_POINTS; i++) {
            double t = 2 * Math.PI * i / ELLIPSE_POINTS;
            double u = Math.cos(t);
            double v = Math.sin(t);
            x[i] = mx + c * l11 * u;
            y[i] = my + c * (l21 * u + l22 * v);
        }
        return new double[][] {x, y};
    }
}
