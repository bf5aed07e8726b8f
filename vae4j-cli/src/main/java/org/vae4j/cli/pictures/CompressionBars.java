package org.vae4j.cli.pictures;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** Bits per dimension of each lossless method on the same images, as bars (lower is better). */
public final class CompressionBars {

    private CompressionBars() {
    }

    /**
     * One method's result.
     *
     * @param bytes its output size, or -1 for a bound that is not a file (the -ELBO)
     */
    public record Row(String method, long bytes, double bitsPerDim) {
    }

    public static BufferedImage render(String title, List<Row> rows) {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(500).title(title)
                .xAxisTitle("method").yAxisTitle("bits per dimension (lower is better)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        chart.addSeries("bits per dimension", rows.stream().map(Row::method).toList(),
                rows.stream().map(Row::bitsPerDim).toList());
        return BitmapEncoder.getBufferedImage(chart);
    }
}
