package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.vae4j.cli.pictures.Figure;

/** Every training run writes map.png (labelled data), manifold.png (2-D latent) and a self-contained report.html. */
class RunReportTest {

    private static final Pattern SRC = Pattern.compile("src=\"([^\"]*)\"");

    @Test
    void classConditionalRunWithA2dLatent() throws IOException {
        Path run = LatentFixtures.smallCvae().dir();
        List<String> entries = Fixtures.entries(run);
        for (String file : List.of("curves.png", "reconstructions.png", "samples.png", "map.png", "manifold.png",
                "report.html")) {
            assertTrue(entries.contains(file), file + " missing from " + entries);
        }
        String html = Files.readString(run.resolve("report.html"), StandardCharsets.UTF_8);
        List<String> sources = assertSelfContained(html);
        assertEquals(5, sources.size(), "curves, reconstructions, samples, map, manifold");
        // the embedded pictures are the run's files, byte for byte, in the report's order
        String[] files = {"curves.png", "reconstructions.png", "samples.png", "map.png", "manifold.png"};
        for (int i = 0; i < files.length; i++) {
            assertArrayEquals(Fixtures.bytes(run.resolve(files[i])), decode(sources.get(i)), files[i]);
        }
        // one metrics row per epoch, with the KL columns of a variational model
        assertEquals(2, count(html, "<tr><td>"));
        assertTrue(html.contains("<tr><td>1</td>") && html.contains("<tr><td>2</td>"), html);
        assertTrue(html.contains("<th>test KL</th>"));
        assertTrue(html.contains("<td class=\"k\">kind</td><td>cvae</td>"));
        // the manifold: a 10 x 10 grid for each of the 10 labels, side by side
        int panel = 10 * LatentFixtures.CELL + 2;
        assertEquals(Figure.LEFT + 10 * panel + 9 * Figure.SPACING + 20,
                LatentFixtures.readPng(run.resolve("manifold.png")).getWidth());
    }

    @Test
    void autoEncoderRunHasNoSamplesNorKl() throws IOException {
        Path run = Fixtures.smallDigitsAe().dir();
        List<String> entries = Fixtures.entries(run);
        assertTrue(entries.contains("map.png") && entries.contains("report.html"), entries::toString);
        assertFalse(entries.contains("manifold.png"), "a 4-D latent has no manifold picture");
        String html = Files.readString(run.resolve("report.html"), StandardCharsets.UTF_8);
        assertEquals(3, assertSelfContained(html).size(), "curves, reconstructions, map");
        assertFalse(html.replaceAll("data:image/png;base64,[A-Za-z0-9+/=]*", "").contains("KL"),
                "an auto-encoder has no KL term");
        assertEquals(2, count(html, "<tr><td>"));
    }

    @Test
    void unlabelledDataHasNoMap() throws IOException {
        Path run = LatentFixtures.unlabelledCsvVae().dir();
        List<String> entries = Fixtures.entries(run);
        assertFalse(entries.contains("map.png"), entries::toString);
        assertTrue(entries.contains("manifold.png") && entries.contains("report.html"), entries::toString);
        assertSelfContained(Files.readString(run.resolve("report.html"), StandardCharsets.UTF_8));
    }

    /** No scripts, no links, no network: every image is a PNG data URI. Returns the image sources in order. */
    private static List<String> assertSelfContained(String html) {
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("http://") || html.contains("https://"), "no network");
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("href="), "nothing to fetch");
        List<String> sources = new ArrayList<>();
        Matcher matcher = SRC.matcher(html);
        while (matcher.find()) {
            assertTrue(matcher.group(1).startsWith("data:image/png;base64,"), "embedded: " + matcher.group(1));
            sources.add(matcher.group(1));
        }
        return sources;
    }

    private static byte[] decode(String dataUri) {
        return Base64.getDecoder().decode(dataUri.substring("data:image/png;base64,".length()));
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
