package org.vae4j.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vae4j.api.Encoding;
import org.vae4j.api.Images;
import org.vae4j.api.Interpolation;
import org.vae4j.api.LatentGrid;
import org.vae4j.api.Scores;
import org.vae4j.api.Scoring;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.Dataset;
import org.vae4j.io.ImageGrid;

/**
 * Every route answers what the library answers for the same request, PNG pixels included, for each kind
 * of model: VAE, class-conditional VAE, auto-encoder, hierarchical VAE, learned mixture prior, colour images.
 */
class ApiTest {

    private static final Map<String, Supplier<Models.Served>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("vae", Models::vae);
        KINDS.put("cvae", Models::cvae);
        KINDS.put("ae", Models::ae);
        KINDS.put("hvae", Models::hvae);
        KINDS.put("mog", Models::mog);
        KINDS.put("colour", Models::colour);
    }


    @ParameterizedTest
    @ValueSource(strings = {"vae", "cvae", "ae", "hvae", "mog", "colour"})
    void modelAndMap(String kind) {
        Models.Served s = KINDS.get(kind).get();
        TrainedModel model = s.model();
        JsonNode info = Http.get(s.url("/api/model")).json();
        assertEquals(model.config().kind().id(), info.get("kind").asText());
        assertEquals(model.latentDim(), info.get("latentDim").asInt());
        assertEquals(model.classes(), info.get("classes").asInt());
        assertEquals(model.config().channels(), info.get("channels").asInt());
        assertEquals(model.latentDim() > 2, info.get("projection").get("pca").asBoolean());
        Encoding codes = model.encode(s.session().test());
        float[] points = model.project2d(codes).apply(codes);
        JsonNode map = Http.get(s.url("/api/map")).json();
        assertArrayEquals(points, floats(map.get("points")));
        assertEquals(s.session().test().n(), map.get("labels").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"vae", "cvae", "ae", "hvae", "mog", "colour"})
    void decodeCodesAndPoints(String kind) throws IOException {
        Models.Served s = KINDS.get(kind).get();
        TrainedModel model = s.model();
        int n = 5;
        int l = model.latentDim();
        float[] codes = random(n * l, 4, -2, 2);
        int[] labels = labels(model, n);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("codes", rows(codes, n, l));
        if (labels != null) {
            body.put("labels", labels);
        }
        JsonNode answer = ok(Http.post(s.url("/api/decode"), body));
        Images expected = model.decode(codes, n, labels);
        assertImages(expected, answer.get("images"));

        float[] points = random(n * 2, 5, -1, 1);
        body.remove("codes");
        body.put("points", rows(points, n, 2));
        answer = ok(Http.post(s.url("/api/decode"), body));
        float[] placed = s.session().projection().invert(points, n);
        assertArrayEquals(placed, floats(answer.get("codes")));
        assertImages(model.decode(placed, n, labels), answer.get("images"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"vae", "cvae", "ae", "hvae", "mog", "colour"})
    void encodeAndScore(String kind) {
        Models.Served s = KINDS.get(kind).get();
        TrainedModel model = s.model();
        Dataset some = s.session().test().subset(new int[] {0, 3, 7});
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("images", rows(some.x(), some.n(), some.dim()));
        if (model.classes() > 0) {
            body.put("labels", some.labels());
        }
        Dataset asSent = model.classes() > 0 ? some
                : new Dataset("request", some.x(), null, some.n(), some.dim(), some.height(), some.width(), some.channels());
        JsonNode encoded = ok(Http.post(s.url("/api/encode"), body));
        Encoding codes = model.encode(asSent);
        assertArrayEquals(codes.mean(), floats(encoded.get("mean")));
        if (model.isVariational()) {
            assertArrayEquals(codes.logVar(), floats(encoded.get("logVar")));
        } else {
            assertTrue(encoded.get("logVar").isNull());
        }
        body.put("k", 7);
        body.put("seed", 11);
        JsonNode scored = ok(Http.post(s.url("/api/score"), body));
        Scores scores = model.score(asSent, new Scoring(7, 11, done -> { }));
        for (int i = 0; i < some.n(); i++) {
            JsonNode e = scored.get("examples").get(i);
            assertEquals(scores.negElbo(i), e.get("negElbo").asDouble(), 0);
            if (model.isVariational()) {
                assertEquals(scores.nll()[i], (float) e.get("nll").asDouble());
                assertEquals(scores.nll()[i] / (some.dim() * Math.log(2)), e.get("bitsPerDim").asDouble(), 1e-9);
            } else {
                assertTrue(e.get("nll").isNull());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vae", "cvae", "ae", "hvae", "mog", "colour"})
    void sampleInterpolateGrid(String kind) throws IOException {
        Models.Served s = KINDS.get(kind).get();
        TrainedModel model = s.model();
        Http.Answer sampled = Http.post(s.url("/api/sample"), Map.of("n", 6, "seed", 9));
        if (model.isVariational()) {
            assertImages(model.sample(6, 9), ok(sampled).get("images"));
        } else {
            assertEquals(400, sampled.status(), sampled::toString);
            assertTrue(sampled.json().get("error").asText().contains("no prior"), sampled::toString);
        }
        Dataset test = s.session().test();
        int last = test.n() - 1;
        JsonNode path = ok(Http.post(s.url("/api/interpolate"), Map.of("from", Map.of("index", 1), "to",
                Map.of("index", last), "steps", 5, "kind", "spherical")));
        assertImages(model.interpolate(test, 1, last, 5, Interpolation.SPHERICAL), path.get("images"));

        int l = model.latentDim();
        float[] base = random(l, 8, -1, 1);
        Map<String, Object> body = new LinkedHashMap<>(Map.of("size", 4, "range", 2.5, "across", l - 1, "up", 0,
                "base", base, "values", true));
        if (model.classes() > 0) {
            body.put("label", 3);
        }
        JsonNode grid = ok(Http.post(s.url("/api/grid"), body));
        LatentGrid asked = new LatentGrid(4, 2.5, l - 1, 0, base);
        Images expected = model.classes() > 0 ? model.grid(asked, 3) : model.grid(asked);
        assertImages(expected, grid.get("images"));
        BufferedImage picture = new ImageGrid(expected.height(), expected.width(), expected.channels(), 1)
                .render(expected.values(), 4);
        assertArrayEquals(pixels(picture), pixels(png(grid.get("png").asText())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"vae", "cvae", "ae", "hvae", "mog", "colour"})
    void exampleAndLeastLikely(String kind) throws IOException {
        Models.Served s = KINDS.get(kind).get();
        TrainedModel model = s.model();
        Dataset test = s.session().test();
        JsonNode example = ok(Http.get(s.url("/api/examples/5")));
        Dataset one = test.subset(new int[] {5});
        assertArrayEquals(test.row(5), floats(example.get("original").get("values")));
        assertArrayEquals(model.reconstruct(one).values(), floats(example.get("reconstruction").get("values")));
        assertEquals(test.labels()[5], example.get("label").asInt());
        Scores scores = model.score(test, new Scoring(20, 1, done -> { }));
        assertEquals(scores.negElbo(5), example.get("negElbo").asDouble(), 0);
        if (model.classes() > 0) {
            JsonNode relabelled = ok(Http.get(s.url("/api/examples/5?label=5")));
            assertArrayEquals(model.analogy(one, 5).values(), floats(relabelled.get("reconstruction").get("values")));
        }
        JsonNode least = ok(Http.get(s.url("/api/least-likely?n=7")));
        List<Scores.Ranked> expected = scores.leastLikely(7);
        assertEquals(7, least.get("examples").size());
        for (int i = 0; i < 7; i++) {
            JsonNode e = least.get("examples").get(i);
            assertEquals(expected.get(i).index(), e.get("index").asInt());
            BufferedImage shown = png(e.get("png").asText());
            assertArrayEquals(pixels(ImageGrid.single(test.row(expected.get(i).index()), test.height(), test.width(),
                    test.channels())), pixels(shown));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vae", "cvae"})
    void interpolateCodesAndPointsWithALabel(String kind) {
        Models.Served s = KINDS.get(kind).get();
        TrainedModel model = s.model();
        int l = model.latentDim();
        float[] a = random(l, 1, -2, 2);
        Map<String, Object> body = new LinkedHashMap<>(Map.of("from", Map.of("code", a), "to", Map.of("point",
                new float[] {0.5f, -0.5f}), "steps", 6));
        int[] labels = null;
        if (model.classes() > 0) {
            body.put("label", 2);
            labels = new int[6];
            Arrays.fill(labels, 2);
        }
        JsonNode answer = ok(Http.post(s.url("/api/interpolate"), body));
        float[] end = s.session().projection().invert(new float[] {0.5f, -0.5f}, 1);
        float[] path = Interpolation.LINEAR.path(a, end, 6);
        assertArrayEquals(path, floats(answer.get("codes")));
        try {
            assertImages(model.decode(path, 6, labels), answer.get("images"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    static JsonNode ok(Http.Answer answer) {
        assertEquals(200, answer.status(), answer::toString);
        assertTrue(answer.contentType().startsWith("application/json"), answer.contentType());
        return answer.json();
    }

    /** The images' values equal, and each PNG's pixels are the values' 8-bit levels. */
    static void assertImages(Images expected, JsonNode images) throws IOException {
        assertEquals(expected.n(), images.size());
        for (int i = 0; i < expected.n(); i++) {
            float[] values = expected.image(i);
            assertArrayEquals(values, floats(images.get(i).get("values")), "image " + i);
            BufferedImage png = png(images.get(i).get("png").asText());
            assertArrayEquals(pixels(ImageGrid.single(values, expected.height(), expected.width(), expected.channels())),
                    pixels(png), "PNG of image " + i);
            assertEquals(expected.channels(), png.getRaster().getNumBands() == 1 ? 1 : 3);
        }
    }

    static BufferedImage png(String dataUrl) throws IOException {
        String prefix = "data:image/png;base64,";
        assertTrue(dataUrl.startsWith(prefix), dataUrl);
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(dataUrl.substring(prefix.length()))));
    }

    static int[] pixels(BufferedImage image) {
        Raster raster = image.getRaster();
        return raster.getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
    }

    /** Every number of a JSON array, nested or not, as floats. */
    static float[] floats(JsonNode node) {
        List<Float> values = new ArrayList<>();
        collect(node, values);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static void collect(JsonNode node, List<Float> into) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, into));
        } else {
            into.add((float) node.asDouble());
        }
    }

    static float[] random(int n, long seed, double lo, double hi) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(lo, hi);
        }
        return v;
    }

    static float[][] rows(float[] values, int n, int width) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(values, i * width, (i + 1) * width);
        }
        return out;
    }

    static int[] labels(TrainedModel model, int n) {
        if (model.classes() == 0) {
            return null;
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (i * 3) % model.classes();
        }
        return labels;
    }
}
