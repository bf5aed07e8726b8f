package org.vae4j.cli.pictures;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.function.IntFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A scatter plot of 2-D points coloured by class label, with a legend naming the classes. */
public final class ScatterMap {

    /** Matplotlib's "tab10" palette: ten colours told apart by most readers, also in print. */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    private ScatterMap() {
    }

    /**
     * Renders the points.
     *
     * @param points n * 2 values: x then y of each point
     * @param labels the class of each point (non-negative)
     * @param names the legend's name of each class
     */
    public static BufferedImage render(String title, String xAxisTitle, String yAxisTitle, float[] points, int[] labels,
            IntFunction<String> names) {
        int n = labels.length;
        if (points.length != 2 * n) {
            throw new IllegalArgumentException(points.length + " coordinates for " + n + " labels");
        }
        int classes = 0;
        for (int label : labels) {
            classes = Math.max(classes, label + 1);
        }
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        XYChart chart = new XYChartBuilder().width(900).height(720).title(title).xAxisTitle(xAxisTitle)
                .yAxisTitle(yAxisTitle).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(n > 3000 ? 3 : 5);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe6e6e6));
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBorderVisible(false);
        for (int c = 0; c < classes; c++) {
            if (counts[c] == 0) {
                continue;
            }
            double[] x = new double[counts[c]];
            double[] y = new double[counts[c]];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (labels[i] == c) {
                    x[k] = points[2 * i];
                    y[k] = points[2 * i + 1];
                    k++;
                }
            }
            Color base = PALETTE[c % PALETTE.length];
            if (c >= PALETTE.length) {
                base = base.darker();
            }
            chart.addSeries(names.apply(c), x, y).setMarker(SeriesMarkers.CIRCLE)
                    .setMarkerColor(new Color(base.getRed(), base.getGreen(), base.getBlue(), 170));
        }
        return BitmapEncoder.getBufferedImage(chart);
    }
}
