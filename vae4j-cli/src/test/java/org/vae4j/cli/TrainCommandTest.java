package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.vae4j.data.DataSources;
import org.vae4j.io.ModelStore;
import org.vae4j.io.ModelStore.LoadedModel;

/** vae4j train: the run folder it writes, resuming, and each decoder family and data kind. */
class TrainCommandTest {

    /** Metrics are written rounded to 4 decimals; a sum of three rounded values is off by at most this. */
    private static final double ROUNDING = 1.5e-4;
    /** -log p(x|z) of a decoder that says 0.5 for every pixel of a 28x28 image: 784 ln 2 nats. */
    private static final double COIN_FLIP_NATS = 784 * Math.log(2);
    /** The size of an 8-column image grid of 28x28 images drawn at scale 2 with 2-pixel gaps, 8 rows. */
    private static final int GRID_8X8 = 8 * (2 * 28 + 2) + 2;

    @Test
    void digitsRunFolder() throws IOException {
        Fixtures.Trained trained = Fixtures.digitsVae();
        Path run = trained.dir();
        assertTrue(trained.run().out().contains("on digits: 7996 train / 2004 test examples of 784 values"),
                trained.run()::describe);
        assertEquals(List.of(".train.lock", "curves.png", "evaluation.json", "map.png", "metrics.jsonl", "model", "reconstructions.png",
                "report.html", "samples.png"),
                Fixtures.entries(run));
        assertEquals(List.of("checksums.sha256", "model.json", "optimizer.bin", "parameters.bin"),
                Fixtures.entries(run.resolve("model")));

        JsonNode json = Fixtures.readJson(run.resolve("model/model.json"));
        assertEquals("vae", json.at("/model/kind").asText());
        assertEquals("[4]", json.at("/model/latents").toString());
        assertEquals("[64]", json.at("/model/hidden").toString());
        assertEquals("bernoulli", json.at("/model/likelihood").asText());
        assertEquals(1, json.at("/training/epochs_done").asInt());
        assertEquals("digits", json.at("/data/name").asText());
        assertEquals(7996, json.at("/data/train_size").asInt());
        assertEquals(2004, json.at("/data/test_size").asInt());
        assertEquals(DataSources.fingerprint(Fixtures.digits().train()), json.at("/data/fingerprint").asText());

        List<JsonNode> metrics = Fixtures.readJsonLines(run.resolve("metrics.jsonl"));
        assertEquals(1, metrics.size());
        JsonNode epoch1 = metrics.get(0);
        assertEquals(1, epoch1.get("epoch").asInt());
        assertVaeMetrics(epoch1);
        // one epoch must beat a decoder that knows nothing (p = 0.5 everywhere), by far
        assertTrue(epoch1.get("test_loss").asDouble() < 0.6 * COIN_FLIP_NATS, epoch1::toString);

        assertPng(run.resolve("curves.png"), 800, 500);
        assertPng(run.resolve("reconstructions.png"), GRID_8X8, GRID_8X8);
        assertPng(run.resolve("samples.png"), GRID_8X8, GRID_8X8);
    }

    @Test
    void resumeContinuesFromTheCheckpoint() throws IOException {
        Path run = Fixtures.copyOf(Fixtures.digitsVae());
        String firstLine = Files.readAllLines(run.resolve("metrics.jsonl")).get(0);
        CliRun resumed = CliRun.run("train", "--data", "digits", "--out", run.toString(), "--resume", "--epochs", "2",
                "--quiet").assertOk();
        assertTrue(resumed.out().contains("done: epoch 2"), resumed::describe);

        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(2, lines.size(), lines::toString);
        assertEquals(firstLine, lines.get(0), "the first epoch's line is kept as it was");
        JsonNode epoch2 = Fixtures.JSON.readTree(lines.get(1));
        assertEquals(2, epoch2.get("epoch").asInt());
        assertVaeMetrics(epoch2);
        JsonNode json = Fixtures.readJson(run.resolve("model/model.json"));
        assertEquals(2, json.at("/training/epochs_done").asInt());
        assertEquals(2, json.at("/training/epochs").asInt());

        CliRun again = CliRun.run("train", "--data", "digits", "--out", run.toString(), "--resume", "--epochs", "2",
                "--quiet").assertOk();
        assertTrue(again.out().contains("already trained for 2 epochs"), again::describe);
        assertEquals(2, Files.readAllLines(run.resolve("metrics.jsonl")).size());
    }

    /** Each epoch's order and noise come from (seed, epoch), so stopping and resuming changes nothing. */
    @Test
    void resumedRunEqualsAnUninterruptedOne() {
        String data = Fixtures.smallDigits().toString();
        String[] settings = {"--hidden", "32", "--latent", "4", "--batch", "100", "--quiet"};
        Path dir = Fixtures.newDir("resume-equal");
        Path straight = dir.resolve("straight");
        Path stopped = dir.resolve("stopped");
        CliRun.run(concat(new String[] {"train", "--data", data, "--out", straight.toString(), "--epochs", "2"},
                settings)).assertOk();
        CliRun.run(concat(new String[] {"train", "--data", data, "--out", stopped.toString(), "--epochs", "1"},
                settings)).assertOk();
        CliRun.run(concat(new String[] {"train", "--data", data, "--out", stopped.toString(), "--epochs", "2",
            "--resume"}, settings)).assertOk();

        List<JsonNode> a = Fixtures.readJsonLines(straight.resolve("metrics.jsonl"));
        List<JsonNode> b = Fixtures.readJsonLines(stopped.resolve("metrics.jsonl"));
        for (String key : List.of("train_loss", "test_loss", "test_kl")) {
            assertEquals(a.get(1).get(key).asDouble(), b.get(1).get(key).asDouble(), 0.0, key);
        }
        try (NDManager m = NDManager.newBaseManager();
                LoadedModel x = ModelStore.load(straight, m);
                LoadedModel y = ModelStore.load(stopped, m)) {
            List<Parameter> px = x.model().parameters();
            List<Parameter> py = y.model().parameters();
            for (int i = 0; i < px.size(); i++) {
                assertArrayEquals(px.get(i).getArray().toFloatArray(), py.get(i).getArray().toFloatArray(), 1e-6f,
                        px.get(i).getName());
            }
        }
    }

    @Test
    void csvWithHeaderAndLabelColumn() {
        Fixtures.Trained trained = Fixtures.csvVae();
        Path run = trained.dir();
        assertTrue(trained.run().out().contains("240 train / 60 test examples of 4 values"), trained.run()::describe);
        JsonNode json = Fixtures.readJson(run.resolve("model/model.json"));
        // the label column ("species") is not a feature: 4 of the 5 columns are
        assertEquals(1, json.at("/model/height").asInt());
        assertEquals(4, json.at("/model/width").asInt());
        assertEquals("clusters.csv", json.at("/data/name").asText());
        JsonNode min = json.at("/data/scale_min");
        JsonNode max = json.at("/data/scale_max");
        assertEquals(4, min.size());
        for (int j = 0; j < 4; j++) {
            // the clusters sit near -3 (j + 1) and +5 (j + 1); the scaling is fitted on the train rows
            assertTrue(min.get(j).asDouble() < -3 * (j + 1) + 1 && max.get(j).asDouble() > 5 * (j + 1) - 1,
                    json.at("/data").toString());
        }
        List<JsonNode> metrics = Fixtures.readJsonLines(run.resolve("metrics.jsonl"));
        assertEquals(List.of(1, 2, 3), metrics.stream().map(n -> n.get("epoch").asInt()).toList());
        metrics.forEach(TrainCommandTest::assertVaeMetrics);
        assertPng(run.resolve("reconstructions.png"), 8 * (14 * 4 + 2) + 2, 8 * (14 + 2) + 2);

        CliRun evaluated = CliRun.run("evaluate", "--model", run.toString(), "--data", Fixtures.csv().toString(),
                "--label-column", "species", "--k", "50", "--json", "--quiet").assertOk();
        JsonNode result = EvaluateCommandTest.parseOneJsonLine(evaluated);
        assertEquals(60, result.get("n").asInt());
        // KL(q(z|x) || p(z)) is exact, so it repeats training's test pass only on the same rows, scaled the same way
        assertEquals(metrics.get(2).get("test_kl").asDouble(), result.get("kl").asDouble(), ROUNDING);
        EvaluateCommandTest.assertIwaeBelowElbo(result);
    }

    /**
     * --time-limit ends training before an epoch that would not fit: a limit far below one epoch's time
     * leaves exactly one epoch (the first always runs), saved and reported; a bad limit is refused.
     */
    @Test
    void timeLimitStopsBeforeAnEpochThatWouldNotFit() {
        Path out = Fixtures.newDir("time-limit").resolve("run");
        CliRun run = CliRun.run("train", "--data", Fixtures.csv().toString(), "--label-column", "species",
                "--epochs", "50", "--hidden", "16", "--latent", "2", "--batch", "32", "--time-limit", "0.00001",
                "--eval-k", "0", "--quiet", "--out", out.toString()).assertOk();
        assertTrue(run.out().contains("done: epoch 1,"), run::describe);
        assertEquals(1, Fixtures.readJsonLines(out.resolve("metrics.jsonl")).size());
        assertEquals(1, Fixtures.readJson(out.resolve("model/model.json")).at("/training/epochs_done").asInt(),
                run::describe);
        for (String bad : List.of("0", "-1", "NaN")) {
            CliRun.run("train", "--data", Fixtures.csv().toString(), "--time-limit", bad, "--quiet", "--out",
                    Fixtures.newDir("time-limit-bad").resolve("run").toString()).assertBadInput("--time-limit", bad);
        }
    }

    @Test
    void autoencoderWithGaussianDecoder() {
        Fixtures.Trained trained = Fixtures.smallDigitsAe();
        Path run = trained.dir();
        assertTrue(trained.run().out().contains("training a ae"), trained.run()::describe);
        assertEquals(List.of(".train.lock", "curves.png", "evaluation.json", "map.png", "metrics.jsonl", "model", "reconstructions.png",
                "report.html"), Fixtures.entries(run));
        JsonNode json = Fixtures.readJson(run.resolve("model/model.json"));
        assertEquals("ae", json.at("/model/kind").asText());
        assertEquals("gaussian", json.at("/model/likelihood").asText());
        assertEquals(0.1, json.at("/model/sigma").asDouble());

        // -log N(x; mu, 0.1^2 I) = |x - mu|^2 / (2 * 0.01) + (D / 2) log(2 pi 0.01) >= the last term
        double floor = 784 / 2.0 * Math.log(2 * Math.PI * 0.01);
        for (JsonNode epoch : Fixtures.readJsonLines(run.resolve("metrics.jsonl"))) {
            assertEquals(0.0, epoch.get("test_kl").asDouble(), epoch::toString);
            assertEquals(0.0, epoch.get("train_kl").asDouble(), epoch::toString);
            assertEquals(epoch.get("test_recon").asDouble(), epoch.get("test_loss").asDouble(), 0.0);
            assertTrue(epoch.get("test_recon").asDouble() > floor, epoch::toString);
        }
        JsonNode last = Fixtures.readJsonLines(run.resolve("metrics.jsonl")).get(1);

        CliRun evaluated = CliRun.run("evaluate", "--model", run.toString(), "--data",
                Fixtures.smallDigits().toString(), "--json", "--quiet").assertOk();
        JsonNode result = EvaluateCommandTest.parseOneJsonLine(evaluated);
        assertTrue(result.get("nll").isNull() && result.get("k").isNull(), result::toString);
        assertEquals(0.0, result.get("kl").asDouble());
        // an auto-encoder's code is deterministic: the same number as training's last test pass
        assertEquals(last.get("test_recon").asDouble(), result.get("recon").asDouble(), ROUNDING);
        assertEquals(-result.get("elbo").asDouble() / (784 * Math.log(2)), result.get("bits_per_dim").asDouble(),
                1e-12);
        assertEquals(Fixtures.SMALL_TEST, result.get("n").asInt());
    }

    @Test
    void learnedVarianceGaussian() {
        Path out = Fixtures.newDir("learned").resolve("run");
        CliRun trained = CliRun.run("train", "--data", Fixtures.smallDigits().toString(), "--out", out.toString(),
                "--likelihood", "gaussian-learned", "--epochs", "2", "--hidden", "32", "--latent", "4", "--batch", "64",
                "--quiet").assertOk();
        // encoder 784-32-8 and decoder 4-32-(2 x 784): a mean and a log-variance per pixel
        long parameters = (784 * 32 + 32) + (32 * 8 + 8) + (4 * 32 + 32) + (32 * 2 * 784 + 2 * 784);
        assertTrue(trained.out().contains(String.format("training a vae (%,d parameters)", parameters)),
                trained::describe);
        assertEquals("gaussian-learned", Fixtures.readJson(out.resolve("model/model.json")).at("/model/likelihood")
                .asText());
        List<JsonNode> metrics = Fixtures.readJsonLines(out.resolve("metrics.jsonl"));
        metrics.forEach(TrainCommandTest::assertVaeMetrics);

        JsonNode result = EvaluateCommandTest.parseOneJsonLine(CliRun.run("evaluate", "--model", out.toString(),
                "--data", Fixtures.smallDigits().toString(), "--k", "10", "--json", "--quiet").assertOk());
        assertEquals(metrics.get(1).get("test_kl").asDouble(), result.get("kl").asDouble(), ROUNDING);
        EvaluateCommandTest.assertIwaeBelowElbo(result);
    }

    @Test
    void binarizedTraining() throws IOException {
        Path out = Fixtures.newDir("binarize").resolve("run");
        CliRun.run("train", "--data", Fixtures.smallDigits().toString(), "--out", out.toString(), "--binarize",
                "--epochs", "1", "--hidden", "32", "--latent", "4", "--batch", "64", "--quiet").assertOk();
        assertTrue(Fixtures.readJson(out.resolve("model/model.json")).at("/training/binarize").asBoolean());

        // the test images the model sees are binarized once: the input rows of the picture are black and white
        BufferedImage picture = ImageIO.read(out.resolve("reconstructions.png").toFile());
        Set<Integer> inputGrays = new TreeSet<>();
        for (int i = 0; i < 32; i++) {
            inputGrays.addAll(PicturesTest.cellGrays(picture, 2 * (i / 8), i % 8, 28, 28, 2));
        }
        assertEquals(Set.of(0, 255), inputGrays);

        // evaluate binarizes the test set the same way: the exact KL term repeats training's test pass
        JsonNode result = EvaluateCommandTest.parseOneJsonLine(CliRun.run("evaluate", "--model", out.toString(),
                "--data", Fixtures.smallDigits().toString(), "--k", "10", "--json", "--quiet").assertOk());
        JsonNode epoch1 = Fixtures.readJsonLines(out.resolve("metrics.jsonl")).get(0);
        assertEquals(epoch1.get("test_kl").asDouble(), result.get("kl").asDouble(), ROUNDING);
        EvaluateCommandTest.assertIwaeBelowElbo(result);
    }

    // ----

    /** Finite numbers, losses that are the sums of their terms, a positive duration, full KL weight. */
    static void assertVaeMetrics(JsonNode epoch) {
        for (String key : List.of("epoch", "seconds", "train_loss", "test_loss", "train_recon", "train_kl",
                "test_recon", "test_kl", "kl_weight")) {
            assertTrue(epoch.has(key) && epoch.get(key).isNumber() && Double.isFinite(epoch.get(key).asDouble()),
                    () -> key + " in " + epoch);
        }
        assertEquals(epoch.get("test_recon").asDouble() + epoch.get("test_kl").asDouble(),
                epoch.get("test_loss").asDouble(), ROUNDING, epoch::toString);
        assertEquals(epoch.get("train_recon").asDouble() + epoch.get("train_kl").asDouble(),
                epoch.get("train_loss").asDouble(), ROUNDING, epoch::toString);
        assertTrue(epoch.get("test_kl").asDouble() > 0, epoch::toString);
        assertTrue(epoch.get("seconds").asDouble() > 0, epoch::toString);
        assertEquals(1.0, epoch.get("kl_weight").asDouble());
    }

    static BufferedImage assertPng(Path file, int width, int height) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new AssertionError(file + ": " + e.getMessage(), e);
        }
        assertNotNull(image, file + " is not a PNG");
        assertEquals(width, image.getWidth(), file::toString);
        assertEquals(height, image.getHeight(), file::toString);
        return image;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
