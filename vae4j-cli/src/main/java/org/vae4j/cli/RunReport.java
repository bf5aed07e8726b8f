package org.vae4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.vae4j.io.ModelInfo;
import org.vae4j.run.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vae4j.io.AtomicFile;
import org.vae4j.io.ModelStore;
import org.vae4j.train.EpochMetrics;

/**
 * report.html of a run folder: one self-contained HTML file (the pictures embedded as base64 data
 * URIs, no scripts, no links) with the run's settings from model.json, the metrics of every epoch and
 * the run's pictures. It opens in a browser without a server or a network.
 */
final class RunReport {

    /** The pictures of a run folder, in the report's order: file, heading, what it shows. */
    private static final String[][] PICTURES = {
        {RunFolder.CURVES, "Training curves", "Loss per example in nats over the epochs, on the training and test sets."},
        {RunFolder.RECONSTRUCTIONS, "Reconstructions",
            "Test examples (rows 1, 3, ...) above the decoder means of their codes (rows 2, 4, ...)."},
        {RunFolder.SAMPLES, "Samples", null},
        {RunFolder.MAP, "Map of the latent space", "The codes of the test set, coloured by label."},
        {RunFolder.MANIFOLD, "Learned manifold",
            "Decoder means over a regular grid of the 2-D latent space, z0 to the right and z1 upwards (a "
                    + "class-conditional model: one grid per label, the same codes in each)."},
    };

    private RunReport() {
    }

    /**
     * Writes report.html into the run folder (atomically), from the model's description, the history and
     * the PNGs there.
     */
    static void write(RunFolder run, ModelInfo info, List<EpochMetrics> history, JsonNode evaluation) {
        JsonNode model = ModelStore.describe(info);
        boolean hasKl = info.config().kind().isVariational();
        String name = run.name();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>vae4j run ").append(escape(name)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}\n")
                .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}\n")
                .append("td,th{border:1px solid #ccc;padding:0.2em 0.6em;text-align:right}\n")
                .append("td{max-width:26em;overflow-wrap:anywhere}\n")
                .append("th{background:#f2f2f2}\ntd.k{text-align:left;font-weight:bold}\n")
                .append("img{max-width:100%;border:1px solid #ddd}\nfigure{margin:0 0 2em}\n")
                .append(".settings{display:flex;flex-wrap:wrap;gap:2em}\n</style>\n</head>\n<body>\n");
        html.append("<h1>vae4j run <code>").append(escape(name)).append("</code></h1>\n");
        html.append("<p>").append(escape(summary(model, history))).append("</p>\n");
        html.append("<h2>Settings</h2>\n<div class=\"settings\">\n");
        for (String section : new String[] {"model", "training", "data", "versions"}) {
            if (model.has(section)) {
                html.append(settingsTable(section, model.get(section)));
            }
        }
        html.append("</div>\n");
        if (evaluation != null) {
            html.append("<h2>Evaluation</h2>\n").append(evaluationTable(evaluation));
        }
        if (info.config().latents().size() > 1 && !history.isEmpty()) {
            html.append("<h2>Stochastic layers</h2>\n").append(layerTable(info, history.get(history.size() - 1),
                    evaluation));
        }
        html.append("<h2>Metrics per epoch</h2>\n").append(metricsTable(history, hasKl));
        for (String[] picture : PICTURES) {
            Path file = run.file(picture[0]);
            if (Files.isRegularFile(file)) {
                html.append("<h2>").append(picture[1]).append("</h2>\n<figure><img alt=\"").append(picture[1])
                        .append("\" src=\"data:image/png;base64,").append(base64(file)).append("\">\n<figcaption>")
                        .append(picture[2] != null ? picture[2] : samplesCaption(info)).append(" (").append(picture[0])
                        .append(")</figcaption></figure>\n");
            }
        }
        html.append("</body>\n</html>\n");
        AtomicFile.writeString(run.file(RunFolder.REPORT), html.toString());
    }

    /** What the samples show, for the kind of model. */
    private static String samplesCaption(ModelInfo info) {
        return switch (info.config().kind()) {
            case CVAE -> "Decoder means E[x|z,y] of codes z drawn from the prior p(z), one column per label y.";
            case HVAE -> "Decoder means E[x|z_1] of ancestral samples: z_L from p(z_L), then each z_l from p(z_l|z_l+1).";
            default -> "Decoder means E[x|z] of codes z drawn from the prior p(z).";
        };
    }

    /** The figures of evaluation.json: the ELBO, the IWAE estimate, bits per dimension, MSE. */
    private static String evaluationTable(JsonNode evaluation) {
        StringBuilder html = new StringBuilder("<table>\n");
        html.append(String.format(Locale.ROOT, "<tr><td class=\"k\">test examples</td><td>%d</td></tr>%n",
                evaluation.path("n").asInt()));
        row(html, "ELBO (nats per example)", evaluation.path("elbo"), "%.3f");
        row(html, "-log p(x), IWAE k=" + evaluation.path("k").asText() + " (nats)", evaluation.path("nll"), "%.3f");
        row(html, "std err of -log p(x)", evaluation.path("nll_std_err"), "%.3f");
        row(html, "bits per dimension", evaluation.path("bits_per_dim"), "%.4f");
        row(html, "reconstruction MSE per value", evaluation.path("mse"), "%.6f");
        return html.append("</table>\n").toString();
    }

    private static void row(StringBuilder html, String name, JsonNode value, String format) {
        if (value.isNumber()) {
            html.append("<tr><td class=\"k\">").append(escape(name)).append("</td><td>")
                    .append(String.format(Locale.ROOT, format, value.asDouble())).append("</td></tr>\n");
        }
    }

    /** How many nats each stochastic layer uses, and how many of its units are active (Burda et al.). */
    private static String layerTable(ModelInfo info, EpochMetrics last, JsonNode evaluation) {
        List<Integer> sizes = info.config().latents();
        JsonNode active = evaluation == null ? null : evaluation.path("active_units");
        StringBuilder html = new StringBuilder("<table>\n<tr><th>layer</th><th>units</th><th>test KL (nats)</th>"
                + "<th>train KL (nats)</th><th>active units</th></tr>\n");
        for (int l = 0; l < sizes.size(); l++) {
            html.append(String.format(Locale.ROOT, "<tr><td>z%d</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td></tr>%n",
                    l + 1, sizes.get(l), value(last.testLayerKl(), l), value(last.trainLayerKl(), l),
                    active != null && active.size() > l ? active.get(l).asText() : ""));
        }
        return html.append("</table>\n<p>z1 is next to x; KL of the last epoch; a unit is active when the variance "
                + "over the test set of its posterior mean exceeds 0.01.</p>\n").toString();
    }

    private static String value(double[] values, int l) {
        return l < values.length ? String.format(Locale.ROOT, "%.3f", values[l]) : "";
    }

    private static String summary(JsonNode model, List<EpochMetrics> history) {
        JsonNode m = model.path("model");
        String text = "A " + m.path("kind").asText() + " (" + m.path("architecture").asText() + ") with "
                + (m.path("latents").size() > 1 ? "stochastic layers of " : "a latent of ")
                + String.join(", ", java.util.stream.StreamSupport.stream(m.path("latents").spliterator(), false)
                        .map(JsonNode::asText).toList()) + " dimensions, "
                + "trained on " + model.path("data").path("name").asText() + " for "
                + model.path("training").path("epochs_done").asText() + " epochs";
        if (!history.isEmpty()) {
            EpochMetrics last = history.get(history.size() - 1);
            text += String.format(Locale.ROOT, "; final test loss %.3f nats per example", last.testLoss());
        }
        return text + ".";
    }

    private static String settingsTable(String section, JsonNode node) {
        StringBuilder html = new StringBuilder("<table>\n<tr><th colspan=\"2\">").append(section).append("</th></tr>\n");
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            String text;
            if (value.isArray()) {
                if (value.size() > 16) {
                    text = value.size() + " values";
                } else {
                    StringBuilder joined = new StringBuilder();
                    value.forEach(v -> joined.append(joined.length() == 0 ? "" : ", ").append(v.asText()));
                    text = joined.toString();
                }
            } else {
                text = value.asText();
            }
            html.append("<tr><td class=\"k\">").append(escape(field.getKey())).append("</td><td>").append(escape(text))
                    .append("</td></tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    private static String metricsTable(List<EpochMetrics> history, boolean hasKl) {
        StringBuilder html = new StringBuilder("<table>\n<tr><th>epoch</th><th>seconds</th><th>train loss</th>"
                + "<th>test loss</th><th>train recon</th><th>test recon</th>");
        if (hasKl) {
            html.append("<th>train KL</th><th>test KL</th><th>KL weight</th>");
        }
        html.append("</tr>\n");
        for (EpochMetrics e : history) {
            html.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%.2f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td>"
                    + "<td>%.3f</td>", e.epoch(), e.seconds(), e.trainLoss(), e.testLoss(), e.trainRecon(), e.testRecon()));
            if (hasKl) {
                html.append(String.format(Locale.ROOT, "<td>%.3f</td><td>%.3f</td><td>%.3f</td>", e.trainKl(), e.testKl(),
                        e.klWeight()));
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    private static String base64(Path file) {
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Text as HTML: &amp;, &lt;, &gt; and quotes escaped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
