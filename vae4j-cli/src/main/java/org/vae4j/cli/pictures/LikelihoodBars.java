package org.vae4j.cli.pictures;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * Test -ELBO and the IWAE estimate of -log p(x) of several runs as grouped bars, the latter with its
 * standard error over examples; the y-axis starts just below the smallest value so that differences
 * of a few nats show.
 */
public final class LikelihoodBars {

    private LikelihoodBars() {
    }

    /** One run's scores in nats per example. */
    public record Bar(String name, double negElbo, double nll, double nllStdErr) {
    }

    public static BufferedImage render(String title, int k, List<Bar> bars) {
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("no runs to plot");
        }
        CategoryChart chart = new CategoryChartBuilder().width(900).height(550).title(title)
                .xAxisTitle("run").yAxisTitle("nats per example (lower is better)").build();
        chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setOverlapped(false);
        List<String> names = bars.stream().map(Bar::name).toList();
        List<Double> negElbo = bars.stream().map(Bar::negElbo).toList();
        List<Double> nll = bars.stream().map(Bar::nll).toList();
        List<Double> errors = bars.stream().map(Bar::nllStdErr).toList();
        double low = Math.min(negElbo.stream().mapToDouble(v -> v).min().orElseThrow(),
                nll.stream().mapToDouble(v -> v).min().orElseThrow());
        double high = Math.max(negElbo.stream().mapToDouble(v -> v).max().orElseThrow(),
                nll.stream().mapToDouble(v -> v).max().orElseThrow());
        double margin = Math.max(1, 0.25 * (high - low));
        chart.getStyler().setYAxisMin(low - margin);
        chart.getStyler().setYAxisMax(high + margin);
        chart.addSeries("-ELBO", names, negElbo);
        chart.addSeries("-log p(x), IWAE k=" + k + " (+- std err over examples)", names, nll, errors);
        return BitmapEncoder.getBufferedImage(chart);
    }
}
