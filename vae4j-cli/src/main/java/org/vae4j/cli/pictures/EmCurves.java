package org.vae4j.cli.pictures;

import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Curves of an EM run: named series of values in nats per example against the iteration. */
public final class EmCurves {

    private final XYChart chart;

    public EmCurves(String title, String xAxisTitle) {
        chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xAxisTitle)
                .yAxisTitle("nats per example").build();
        chart.getStyler().setLegendPosition(LegendPosition.InsideSE);
    }

    /** Adds a curve with circle markers, or a plain line when {@code markers} is false. */
    public EmCurves add(String name, double[] x, double[] y, boolean markers) {
        chart.addSeries(name, x, y).setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        return this;
    }

    public BufferedImage render() {
        return BitmapEncoder.getBufferedImage(chart);
    }
}
