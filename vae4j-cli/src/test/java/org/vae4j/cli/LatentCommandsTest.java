package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.vae4j.classic.Pca;
import org.vae4j.data.DataOptions;
import org.vae4j.data.DataSources;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.dist.DiagonalGaussian;
import org.vae4j.io.ModelStore;
import org.vae4j.io.ModelStore.LoadedModel;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Vae;
import org.vae4j.api.Projection;

/** vae4j map, pca, features, probe and evaluate's mse: the numbers are the quantities their names say. */
class LatentCommandsTest {

    /** Matplotlib's tab10, the map's colours for classes 0..9. */
    private static final int[] TAB10 = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f,
        0xbcbd22, 0x17becf};

    @Test
    void mapColoursEveryClass() {
        Path run = Fixtures.digitsVae().dir();
        Path png = Fixtures.newDir("map").resolve("map.png");
        CliRun done = CliRun.run("map", "--model", run.toString(), "--data", "digits", "--n", "400", "--out",
                png.toString()).assertOk();
        assertTrue(done.out().contains("wrote a map of 400 test codes to " + png), done::describe);
        BufferedImage picture = LatentFixtures.readPng(png);
        assertEquals(900, picture.getWidth());
        assertEquals(720, picture.getHeight());
        // each class's markers are drawn in its own colour (alpha 170 over white)
        for (int label = 0; label < 10; label++) {
            int rgb = TAB10[label];
            int count = countColour(picture, blend(rgb >> 16 & 255), blend(rgb >> 8 & 255), blend(rgb & 255));
            assertTrue(count > 10, "class " + label + ": " + count + " pixels of its colour");
        }
    }

    /** With a 2-D latent the map is the codes themselves, and k-NN on it is k-NN on the codes. */
    @Test
    void knnOnTheMapOfA2dLatent() {
        Path run = LatentFixtures.smallVae2d().dir();
        String data = Fixtures.smallDigits().toString();
        Path png = Fixtures.newDir("map-knn").resolve("map.png");
        CliRun done = CliRun.run("map", "--model", run.toString(), "--data", data, "--knn", "5", "--out",
                png.toString()).assertOk();
        double reported = number(done.out(), "k-NN \\(k=5\\) test accuracy on the map: ([0-9.]+)");

        DataSplit split = DataSources.resolve(data, DataOptions.defaults());
        float[] trainCodes;
        float[] testCodes;
        try (NDManager m = NDManager.newBaseManager(); LoadedModel loaded = ModelStore.load(run, m)) {
            trainCodes = codes(loaded.model(), split.train(), m);
            testCodes = codes(loaded.model(), split.test(), m);
        }
        double expected = bruteForceKnn(trainCodes, split.train().labels(), testCodes, split.test().labels(), 2, 5);
        // a vote tie may be broken either way: allow two of the 200 test points
        assertEquals(expected, reported, 2.0 / split.test().n() + 1e-4, done::describe);
        // two epochs on 600 images: weak, but classes already gather (chance is 0.1, its standard error 0.02 here)
        assertTrue(expected > 0.17, "k-NN above chance on a trained 2-D latent: " + expected);
    }

    @Test
    void pcaReportsTheReconstructionErrorOfItsComponents() {
        String data = Fixtures.smallDigits().toString();
        JsonNode two = readLast(CliRun.run("pca", "--data", data, "--latent", "2", "--json").assertOk());
        JsonNode eight = readLast(CliRun.run("pca", "--data", data, "--latent", "8", "--json").assertOk());

        DataSplit split = DataSources.resolve(data, DataOptions.defaults());
        Dataset train = split.train();
        Dataset test = split.test();
        Pca pca = Pca.fit(train.x(), train.n(), 784, 8);
        float[] x = test.x();
        float[] back = pca.inverseTransform(pca.transform(x, test.n()), test.n());
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += (x[i] - back[i]) * (double) (x[i] - back[i]);
        }
        assertEquals(sum / x.length, eight.get("mse").asDouble(), 1e-6);
        assertEquals(200, eight.get("n").asInt());
        assertEquals(8, eight.get("components").asInt());
        double kept = 0;
        for (double v : pca.explainedVariance()) {
            kept += v;
        }
        assertEquals(kept / Projection.totalVariance(train.x(), train.n(), 784),
                eight.get("explained_variance_fraction").asDouble(), 1e-6);
        assertTrue(two.get("mse").asDouble() > eight.get("mse").asDouble(), two + " vs " + eight);
        assertTrue(two.get("explained_variance_fraction").asDouble() < eight.get("explained_variance_fraction")
                .asDouble());

        Path png = Fixtures.newDir("pca-map").resolve("map.png");
        CliRun mapped = CliRun.run("pca", "--data", data, "--latent", "3", "--out", png.toString(), "--knn", "5")
                .assertOk();
        assertTrue(mapped.out().contains("wrote the map to " + png), mapped::describe);
        LatentFixtures.readPng(png);
        double reported = number(mapped.out(), "k-NN \\(k=5\\) test accuracy on components 1-2: ([0-9.]+)");
        Pca pca3 = Pca.fit(train.x(), train.n(), 784, 3);
        double expected = bruteForceKnn(PcaCommand.firstTwo(pca3.transform(train.x(), train.n()), train.n(), 3),
                train.labels(), PcaCommand.firstTwo(pca3.transform(x, test.n()), test.n(), 3), test.labels(), 2, 5);
        assertEquals(expected, reported, 2.0 / test.n() + 1e-4, mapped::describe);
    }

    @Test
    void featuresOfAVaeAreThePosteriorsMeanAndLogVariance() throws IOException {
        Path run = Fixtures.digitsVae().dir();
        Path csv = Fixtures.newDir("features").resolve("codes.csv");
        CliRun.run("features", "--model", run.toString(), "--data", "digits", "--out", csv.toString()).assertOk();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("split,label,mean_0,mean_1,mean_2,mean_3,logvar_0,logvar_1,logvar_2,logvar_3", lines.get(0));
        assertEquals(1 + 7996 + 2004, lines.size());
        DataSplit digits = Fixtures.digits();
        int[] checked = {0, 7995, 7996, 7996 + 2003};
        try (NDManager m = NDManager.newBaseManager(); LoadedModel loaded = ModelStore.load(run, m)) {
            Vae vae = (Vae) loaded.model();
            for (int row : checked) {
                boolean isTrain = row < 7996;
                Dataset set = isTrain ? digits.train() : digits.test();
                int i = isTrain ? row : row - 7996;
                String[] cells = lines.get(1 + row).split(",");
                assertEquals(isTrain ? "train" : "test", cells[0]);
                assertEquals(String.valueOf(set.labels()[i]), cells[1]);
                DiagonalGaussian q = vae.posterior(LatentModel.inference(m), m.create(set.row(i), new Shape(1, 784)),
                        false);
                float[] mean = q.mean().toFloatArray();
                float[] logVar = q.logVar().toFloatArray();
                for (int k = 0; k < 4; k++) {
                    assertEquals(mean[k], Float.parseFloat(cells[2 + k]), 1e-5, "row " + row + " mean_" + k);
                    assertEquals(logVar[k], Float.parseFloat(cells[6 + k]), 1e-5, "row " + row + " logvar_" + k);
                }
            }
        }
    }

    @Test
    void featuresOfAnAutoEncoderAreItsCodes() throws IOException {
        Path run = Fixtures.smallDigitsAe().dir();
        Path csv = Fixtures.newDir("features-ae").resolve("codes.csv");
        CliRun.run("features", "--model", run.toString(), "--data", Fixtures.smallDigits().toString(), "--out",
                csv.toString()).assertOk();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("split,label,code_0,code_1,code_2,code_3", lines.get(0));
        assertEquals(1 + Fixtures.SMALL_TRAIN + Fixtures.SMALL_TEST, lines.size());
        assertEquals(Fixtures.SMALL_TRAIN, lines.stream().filter(l -> l.startsWith("train,")).count());
    }

    @Test
    void probeTableOnTheSmallDigits() throws IOException {
        Path run = Fixtures.smallDigitsAe().dir();
        Path csv = Fixtures.newDir("probe").resolve("probe.csv");
        String[] args = {"probe", "--model", run.toString(), "--data", Fixtures.smallDigits().toString(), "--train-labels",
            "50,all", "--seed", "3", "--out", csv.toString()};
        CliRun done = CliRun.run(args).assertOk();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("labels,model,pca,pixels", lines.get(0));
        assertEquals(3, lines.size());
        String[] fifty = lines.get(1).split(",");
        String[] all = lines.get(2).split(",");
        assertEquals("50", fifty[0]);
        assertEquals(String.valueOf(Fixtures.SMALL_TRAIN), all[0]);
        for (String[] row : List.of(fifty, all)) {
            // the table on stdout holds the same numbers
            for (int k = 1; k < 4; k++) {
                assertTrue(done.out().contains(row[k]), done::describe);
                double accuracy = Double.parseDouble(row[k]);
                assertTrue(accuracy >= 0 && accuracy <= 1, lines::toString);
            }
        }
        // logistic regression on the pixels of 600 digits is a decent classifier; on 50 it is worse
        assertTrue(Double.parseDouble(all[3]) > 0.75, lines::toString);
        assertTrue(Double.parseDouble(all[3]) > Double.parseDouble(fifty[3]), lines::toString);
        assertTrue(done.out().contains("ae codes (4-d)"), done::describe);
        assertEquals(done.out(), CliRun.run(args).assertOk().out(), "same seed, same table");
    }

    /**
     * For a Gaussian decoder of fixed sigma the reconstruction term is
     * sum_d 1/2 ((x_d - mu_d)^2 / sigma^2 + log sigma^2 + log 2 pi), so the mean squared error of the
     * decoder means is mse = sigma^2 (2 recon / D - log sigma^2 - log 2 pi).
     */
    @Test
    void evaluateMseMatchesTheGaussianReconstructionTerm() {
        Path run = Fixtures.smallDigitsAe().dir();
        JsonNode result = readLast(CliRun.run("evaluate", "--model", run.toString(), "--data",
                Fixtures.smallDigits().toString(), "--json", "--quiet").assertOk());
        double sigma2 = 0.1 * 0.1;
        double expected = sigma2 * (2 * result.get("recon").asDouble() / 784 - Math.log(sigma2) - Math.log(2 * Math.PI));
        assertEquals(expected, result.get("mse").asDouble(), 1e-6, result::toString);
        assertTrue(result.get("mse").asDouble() > 0, result::toString);
    }

    // ----

    private static JsonNode readLast(CliRun run) {
        try {
            return Fixtures.JSON.readTree(run.out().lines().reduce((a, b) -> b).orElseThrow());
        } catch (IOException e) {
            throw new AssertionError(run.describe(), e);
        }
    }

    private static double number(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue(matcher.find(), () -> "no match for " + regex + " in " + text);
        return Double.parseDouble(matcher.group(1));
    }

    private static float[] codes(LatentModel model, Dataset data, NDManager m) {
        return model.code(LatentModel.inference(m), m.create(data.x(), new Shape(data.n(), data.dim())))
                .toFloatArray();
    }

    /** The share of test rows whose k nearest training rows (squared Euclidean) vote their label (ties: lowest label). */
    static double bruteForceKnn(float[] train, int[] trainY, float[] test, int[] testY, int d, int k) {
        int correct = 0;
        for (int i = 0; i < testY.length; i++) {
            double[] best = new double[k];
            int[] bestY = new int[k];
            java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
            for (int j = 0; j < trainY.length; j++) {
                double dist = 0;
                for (int c = 0; c < d; c++) {
                    double diff = test[i * d + c] - train[j * d + c];
                    dist += diff * diff;
                }
                int pos = k - 1;
                if (dist >= best[pos]) {
                    continue;
                }
                while (pos > 0 && best[pos - 1] > dist) {
                    best[pos] = best[pos - 1];
                    bestY[pos] = bestY[pos - 1];
                    pos--;
                }
                best[pos] = dist;
                bestY[pos] = trainY[j];
            }
            int[] votes = new int[64];
            for (int y : bestY) {
                votes[y]++;
            }
            int predicted = 0;
            for (int y = 1; y < votes.length; y++) {
                if (votes[y] > votes[predicted]) {
                    predicted = y;
                }
            }
            correct += predicted == testY[i] ? 1 : 0;
        }
        return (double) correct / testY.length;
    }

    private static int blend(int channel) {
        return Math.round(255 + (channel - 255) * 170 / 255f);
    }

    private static int countColour(BufferedImage image, int r, int g, int b) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (Math.abs((rgb >> 16 & 255) - r) <= 2 && Math.abs((rgb >> 8 & 255) - g) <= 2
                        && Math.abs((rgb & 255) - b) <= 2) {
                    count++;
                }
            }
        }
        return count;
    }
}
