package org.vae4j.cli.pictures;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Rate against distortion: each run's test KL(q(z|x) || p(z)) (the rate, nats) on x and its test
 * reconstruction term -E_q[log p(x|z)] (the distortion, nats) on y, one labelled point per run, joined
 * in order of rate by a thin gray line.
 */
public final class RateDistortion {

    private RateDistortion() {
    }

    /** One run's point. */
    public record Point(String name, double rate, double distortion) {
    }

    public static BufferedImage render(List<Point> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no runs to plot");
        }
        XYChart chart = new XYChartBuilder().width(900).height(600)
                .title("Rate-distortion at each run's last epoch (test set)")
                .xAxisTitle("rate: KL(q(z|x) || p(z)), nats").yAxisTitle("distortion: -E_q[log p(x|z)], nats").build();
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe6e6e6));
        chart.getStyler().setMarkerSize(10);
        List<Point> byRate = points.stream().sorted(Comparator.comparingDouble(Point::rate)).toList();
        if (points.size() > 1) {
            XYSeries path = chart.addSeries(" ", byRate.stream().mapToDouble(Point::rate).toArray(),
                    byRate.stream().mapToDouble(Point::distortion).toArray());
            path.setMarker(SeriesMarkers.NONE).setLineColor(new Color(0xb0b0b0)).setShowInLegend(false);
        }
        double labelLift = padAxes(chart, points);
        Color[] colors = chart.getStyler().getSeriesColors();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            Color color = colors[i % colors.length];
            XYSeries series = chart.addSeries(p.name(), new double[] {p.rate()}, new double[] {p.distortion()});
            series.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(color).setLineColor(color);
            chart.addAnnotation(new AnnotationText(p.name(), p.rate(), p.distortion() + labelLift, false));
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Leaves room around the points so their labels are not cut at the plot's edge.
     *
     * @return how far above its point a label goes, in data units (4% of the y-axis)
     */
    private static double padAxes(XYChart chart, List<Point> points) {
        double[] x = points.stream().mapToDouble(Point::rate).toArray();
        double[] y = points.stream().mapToDouble(Point::distortion).toArray();
        double xPad = pad(x);
        double yPad = pad(y);
        double yMin = Arrays.stream(y).min().orElseThrow() - yPad;
        double yMax = Arrays.stream(y).max().orElseThrow() + yPad;
        chart.getStyler().setXAxisMin(Arrays.stream(x).min().orElseThrow() - xPad);
        chart.getStyler().setXAxisMax(Arrays.stream(x).max().orElseThrow() + xPad);
        chart.getStyler().setYAxisMin(yMin);
        chart.getStyler().setYAxisMax(yMax);
        return 0.04 * (yMax - yMin);
    }

    /** 10% of the range, or of the value's size when all values are equal. */
    private static double pad(double[] values) {
        double min = Arrays.stream(values).min().orElseThrow();
        double max = Arrays.stream(values).max().orElseThrow();
        double range = max - min;
        return range > 0 ? 0.1 * range : Math.max(1, 0.1 * Math.abs(max));
    }
}
