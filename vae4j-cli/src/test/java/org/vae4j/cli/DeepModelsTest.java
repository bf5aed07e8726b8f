package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The convolutional and hierarchical models from the command line: trained, saved, resumed and used by
 * every command as the one-layer MLP is; colour image folders in and colour pictures out.
 */
class DeepModelsTest {

    /** A small conv VAE on the small digits: 1 epoch, channels 4 and 8, one dense layer of 16. */
    static Fixtures.Trained smallConv() {
        return Fixtures.trained("small-conv", "--data", Fixtures.smallDigits().toString(), "--arch", "conv",
                "--channels", "4,8", "--hidden", "16", "--latent", "2", "--epochs", "1", "--batch", "64",
                "--eval-k", "10");
    }

    @Test
    void everyCommandWorksOnAConvModel() throws IOException {
        Fixtures.Trained trained = smallConv();
        Path run = trained.dir();
        String data = Fixtures.smallDigits().toString();
        JsonNode model = Fixtures.readJson(run.resolve("model/model.json")).get("model");
        assertEquals("conv", model.get("architecture").asText());
        assertEquals("[4,8]", model.get("filters").toString());
        assertEquals(1, model.get("channels").asInt());
        assertTrue(Fixtures.readJson(run.resolve("evaluation.json")).get("nll").isNumber());
        Path dir = Fixtures.newDir("conv-commands");
        String r = run.toString();
        CliRun.run("evaluate", "--model", r, "--data", data, "--k", "5", "--n", "50", "--quiet").assertOk();
        CliRun.run("sample", "--model", r, "--n", "9", "--out", dir.resolve("s.png").toString()).assertOk();
        CliRun.run("reconstruct", "--model", r, "--data", data, "--out", dir.resolve("r.png").toString()).assertOk();
        CliRun.run("map", "--model", r, "--data", data, "--out", dir.resolve("m.png").toString()).assertOk();
        CliRun.run("manifold", "--model", r, "--grid", "4", "--out", dir.resolve("g.png").toString()).assertOk();
        CliRun.run("interpolate", "--model", r, "--data", data, "--from", "0", "--to", "1", "--steps", "4",
                "--out", dir.resolve("i.png").toString()).assertOk();
        CliRun.run("features", "--model", r, "--data", data, "--out", dir.resolve("f.csv").toString()).assertOk();
        CliRun.run("refine", "--model", r, "--data", data, "--n", "10", "--steps", "3", "--draws", "5", "--k", "5",
                "--out", dir.resolve("refine").toString(), "--quiet").assertOk();
        CliRun.run("gradvar", "--model", r, "--data", data, "--draws", "1", "--repeats", "2", "--batch", "10",
                "--out", dir.resolve("gradvar").toString(), "--quiet").assertOk();
        CliRun.run("likelihood", "--model", r, "--data", data, "--samples", "3", "--n", "10",
                "--out", dir.resolve("lik").toString(), "--quiet").assertOk();
        // lossless compression of binary images through the conv networks, and back
        Path binary = dir.resolve("binary.idx");
        CliRun.run("binarize", "--in", Fixtures.smallDigits().resolve("t10k-images-idx3-ubyte").toString(), "--out",
                binary.toString()).assertOk();
        Path packed = dir.resolve("test.vae");
        CliRun.run("compress", "--model", r, "--in", binary.toString(), "--out", packed.toString(), "--quiet")
                .assertOk();
        Path back = dir.resolve("back.idx");
        CliRun.run("decompress", "--model", r, "--in", packed.toString(), "--out", back.toString(), "--quiet")
                .assertOk();
        assertEquals(-1, Files.mismatch(binary, back), "the round trip gives every pixel back");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bottom-up", "top-down"})
    void aHierarchicalVaeReportsItsLayers(String inference) {
        Path out = Fixtures.newDir("hvae-" + inference).resolve("run");
        String data = Fixtures.smallDigits().toString();
        CliRun.run("train", "--data", data, "--model", "hvae", "--latent", "6,3", "--hidden", "32", "--inference",
                inference, "--epochs", "1", "--batch", "64", "--eval-k", "10", "--free-bits", "0.25", "--out",
                out.toString(), "--quiet").assertOk();
        JsonNode json = Fixtures.readJson(out.resolve("model/model.json"));
        assertEquals("[6,3]", json.at("/model/latents").toString());
        assertEquals(inference, json.at("/model/hierarchy").asText());
        assertEquals(0.25, json.at("/training/free_bits").asDouble(), 0);
        JsonNode epoch = Fixtures.readJsonLines(out.resolve("metrics.jsonl")).get(0);
        assertEquals(2, epoch.get("test_kl_layers").size());
        double layers = epoch.get("test_kl_layers").get(0).asDouble() + epoch.get("test_kl_layers").get(1).asDouble();
        assertEquals(epoch.get("test_kl").asDouble(), layers, 2e-3, "the layers' KL add up to the KL");
        JsonNode evaluation = Fixtures.readJson(out.resolve("evaluation.json"));
        assertEquals(2, evaluation.get("active_units").size());
        assertTrue(evaluation.get("active_units").get(1).asInt() <= 3);
        String report = new String(Fixtures.bytes(out.resolve("report.html")), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(report.contains("Stochastic layers") && report.contains("active units"), "report shows the layers");
        Path dir = Fixtures.newDir("hvae-commands");
        CliRun.run("evaluate", "--model", out.toString(), "--data", data, "--k", "5", "--n", "20", "--quiet").assertOk();
        CliRun.run("sample", "--model", out.toString(), "--out", dir.resolve("s.png").toString()).assertOk();
        CliRun.run("map", "--model", out.toString(), "--data", data, "--out", dir.resolve("m.png").toString())
                .assertOk();
        CliRun.run("refine", "--model", out.toString(), "--data", data, "--out", dir.resolve("r").toString())
                .assertBadInput("one-layer vae");
        CliRun.run("train", "--data", data, "--out", out.toString(), "--resume", "--epochs", "2", "--eval-k", "0",
                "--quiet").assertOk();
        assertEquals(2, Fixtures.readJsonLines(out.resolve("metrics.jsonl")).size());
        CliRun.run("train", "--data", data, "--out", out.toString(), "--resume", "--epochs", "3", "--inference",
                inference.equals("top-down") ? "bottom-up" : "top-down").assertBadInput("--inference", "differs");
    }

    /** A folder of colour images in class folders trains a conv VAE whose pictures are in colour. */
    @Test
    void colourImagesInColourOut() throws IOException {
        Path folder = Fixtures.newDir("colour");
        writeColourImages(folder, 60);
        Path out = Fixtures.newDir("colour-run").resolve("run");
        CliRun done = CliRun.run("train", "--data", folder.toString(), "--arch", "conv", "--channels", "4,8",
                "--hidden", "16", "--latent", "2", "--epochs", "1", "--batch", "32", "--eval-k", "5", "--out",
                out.toString(), "--quiet").assertOk();
        assertTrue(done.out().contains("examples of 432 values"), done::describe);   // 12 x 12 x 3
        JsonNode json = Fixtures.readJson(out.resolve("model/model.json"));
        assertEquals(3, json.at("/model/channels").asInt());
        assertEquals("[\"blue\",\"red\"]", json.at("/data/class_names").toString());
        BufferedImage samples = LatentFixtures.readPng(out.resolve("samples.png"));
        assertEquals(3, samples.getColorModel().getNumColorComponents(), "samples drawn in colour");
        boolean coloured = false;
        for (int y = 0; y < samples.getHeight() && !coloured; y++) {
            for (int x = 0; x < samples.getWidth(); x++) {
                int rgb = samples.getRGB(x, y);
                coloured |= ((rgb >> 16) & 255) != (rgb & 255);
            }
        }
        assertTrue(coloured, "some pixel is not gray");
        Path dir = Fixtures.newDir("colour-commands");
        CliRun.run("reconstruct", "--model", out.toString(), "--data", folder.toString(), "--out",
                dir.resolve("r.png").toString()).assertOk();
        assertEquals(3, LatentFixtures.readPng(dir.resolve("r.png")).getColorModel().getNumColorComponents());
        CliRun.run("manifold", "--model", out.toString(), "--grid", "3", "--out", dir.resolve("g.png").toString())
                .assertOk();
        assertEquals(3, LatentFixtures.readPng(dir.resolve("g.png")).getColorModel().getNumColorComponents());
    }

    /** Mixed sizes are refused naming the file, and read with --resize, which the model then remembers. */
    @Test
    void mixedSizesNeedAResize() throws IOException {
        Path folder = Fixtures.newDir("mixed");
        writeColourImages(folder, 20);
        BufferedImage odd = new BufferedImage(15, 9, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(odd, "png", folder.resolve("red").resolve("zz-odd.png").toFile());
        Path out = Fixtures.newDir("mixed-run").resolve("run");
        CliRun.run("train", "--data", folder.toString(), "--out", out.toString(), "--quiet")
                .assertBadInput("zz-odd.png", "9x15");
        CliRun.run("train", "--data", folder.toString(), "--resize", "8x8", "--hidden", "16", "--latent", "2",
                "--epochs", "1", "--eval-k", "5", "--out", out.toString(), "--quiet").assertOk();
        assertEquals("[8,8]", Fixtures.readJson(out.resolve("model/model.json")).at("/data/resize").toString());
        // read again for the model at the size it was trained on, without --resize
        CliRun.run("evaluate", "--model", out.toString(), "--data", folder.toString(), "--k", "3", "--quiet")
                .assertOk();
        CliRun.run("train", "--data", folder.toString(), "--resize", "8 by 8", "--out", out.resolveSibling("x")
                .toString()).assertBadInput("--resize");
    }

    /** Red-ish squares in red/, blue-ish discs in blue/, 12 x 12 RGB PNGs, n per class. */
    private static void writeColourImages(Path folder, int n) {
        SplittableRandom random = new SplittableRandom(5);
        try {
            for (String name : List.of("red", "blue")) {
                Path classDir = Files.createDirectories(folder.resolve(name));
                for (int i = 0; i < n; i++) {
                    BufferedImage image = new BufferedImage(12, 12, BufferedImage.TYPE_INT_RGB);
                    int cx = 3 + random.nextInt(6);
                    int cy = 3 + random.nextInt(6);
                    for (int y = 0; y < 12; y++) {
                        for (int x = 0; x < 12; x++) {
                            boolean inside = name.equals("red") ? Math.abs(x - cx) <= 2 && Math.abs(y - cy) <= 2
                                    : (x - cx) * (x - cx) + (y - cy) * (y - cy) <= 6;
                            int shade = 150 + random.nextInt(100);
                            int rgb = !inside ? 0x202020 : name.equals("red") ? (shade << 16) | 0x2010 : 0x1020 << 8 | shade;
                            image.setRGB(x, y, rgb);
                        }
                    }
                    ImageIO.write(image, "png", classDir.resolve(String.format("%03d.png", i)).toFile());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
