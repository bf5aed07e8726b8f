package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vae4j gmm on a small 2-D CSV and on the small digits projected by PCA, and its bad input. */
class GmmCommandTest {

    /** 300 rows: 30% around (0, 0) with spread 1, 70% around (10, 5) with spread 0.5, in that order mixed. */
    static Path twoClusters(Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 300; i++) {
            boolean small = i % 10 < 3;
            double x = (small ? 0 : 10) + (small ? 1.0 : 0.5) * random.nextGaussian();
            double y = (small ? 0 : 5) + (small ? 1.0 : 0.5) * random.nextGaussian();
            csv.append(String.format(Locale.ROOT, "%.5f,%.5f%n", x, y));
        }
        Path file = dir.resolve("clusters.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void fitsTwoClustersAndWritesTheCurvesAndThePicture(@TempDir Path dir) throws IOException {
        Path csv = twoClusters(dir);
        for (String covariance : new String[] {"full", "diag"}) {
            Path out = dir.resolve("gmm-" + covariance);
            CliRun run = CliRun.run("gmm", "--data", csv.toString(), "--components", "2", "--covariance", covariance,
                    "--out", out.toString()).assertOk();
            assertTrue(run.out().contains("converged after"), run::describe);
            List<String[]> rows = csvRows(out.resolve("gmm.csv"));
            assertEquals("iteration,log_likelihood,elbo_after_e_step,elbo_after_m_step", String.join(",", rows.get(0)));
            assertTrue(rows.size() > 2, run::describe);
            double previous = Double.NEGATIVE_INFINITY;
            for (String[] row : rows.subList(1, rows.size())) {
                double logLikelihood = Double.parseDouble(row[1]);
                double afterE = Double.parseDouble(row[2]);
                double afterM = Double.parseDouble(row[3]);
                assertEquals(logLikelihood, afterE, 1e-9, "the bound is tight after the E-step");
                assertTrue(afterM >= afterE - 1e-9 && logLikelihood >= previous - 1e-9, "row " + Arrays.toString(row));
                previous = afterM;
            }
            // one printed line per iteration, as in the CSV
            long printed = run.out().lines().filter(l -> l.matches("\\s+\\d+\\s+-?\\d.*")).count();
            assertEquals(rows.size() - 1, printed, run::describe);
            double[] weights = csvRows(out.resolve("gmm-components.csv")).stream().skip(1)
                    .mapToDouble(r -> Double.parseDouble(r[1])).sorted().toArray();
            // the train split holds about 30% / 70% (a 240-row sample: standard error 0.03)
            assertEquals(0.3, weights[0], 0.07, run::describe);
            assertEquals(1.0, weights[0] + weights[1], 1e-9);
            BufferedImage map = ImageIO.read(out.resolve("gmm-components.png").toFile());
            assertEquals(900, map.getWidth());
            assertEquals(800, ImageIO.read(out.resolve("gmm.png").toFile()).getWidth());
        }
    }

    @Test
    void projectsImagesWithPca() {
        Path out = Fixtures.newDir("gmm-digits");
        CliRun run = CliRun.run("gmm", "--data", Fixtures.smallDigits().toString(), "--components", "3", "--pca", "2",
                "--iterations", "5", "--tolerance", "0", "--out", out.toString()).assertOk();
        assertTrue(run.out().contains("projected onto 2 principal components"), run::describe);
        assertTrue(run.out().contains("stopped at the limit after 5 iterations"), run::describe);
        assertEquals(List.of("gmm-components.csv", "gmm-components.png", "gmm.csv", "gmm.json", "gmm.png"),
                Fixtures.entries(out));
        // 784 raw dimensions get the advice; 10 projected ones have no picture
        Path raw = Fixtures.newDir("gmm-raw");
        CliRun advice = CliRun.run("gmm", "--data", Fixtures.smallDigits().toString(), "--components", "2",
                "--covariance", "diag", "--iterations", "2", "--out", raw.toString()).assertOk();
        assertTrue(advice.out().contains("--pca 10 to 50 is advised"), advice::describe);
        assertFalse(Fixtures.entries(raw).contains("gmm-components.png"));
    }

    @Test
    void helpNamesEveryOption() {
        CliRun help = CliRun.run("gmm", "--help").assertOk();
        for (picocli.CommandLine.Model.OptionSpec option
                : Main.commandLine().getSubcommands().get("gmm").getCommandSpec().options()) {
            assertTrue(help.out().contains(option.longestName()), () -> option.longestName() + "; " + help.describe());
        }
    }

    @Test
    void badInput(@TempDir Path dir) throws IOException {
        String csv = twoClusters(dir).toString();
        String out = dir.resolve("out").toString();
        CliRun.run("gmm", "--data", csv, "--components", "0", "--out", out)
                .assertBadInput("--components must be at least 1, got 0");
        CliRun.run("gmm", "--data", csv, "--components", "500", "--out", out)
                .assertBadInput("--components 500 exceeds the 240 training examples");
        CliRun.run("gmm", "--data", csv, "--components", "2", "--covariance", "spherical", "--out", out)
                .assertBadInput("--covariance", "spherical", "full or diag");
        CliRun.run("gmm", "--data", csv, "--components", "2", "--pca", "3", "--out", out)
                .assertBadInput("--pca must be in 1..2");
        CliRun.run("gmm", "--data", csv, "--components", "2", "--iterations", "0", "--out", out)
                .assertBadInput("--iterations must be at least 1");
        CliRun.run("gmm", "--data", csv, "--components", "2", "--tolerance", "-1", "--out", out)
                .assertBadInput("--tolerance must be a non-negative number");
        CliRun.run("gmm", "--data", csv, "--components", "x", "--out", out).assertBadInput("--components", "x");
        CliRun.run("gmm", "--data", csv, "--components", "2", "--bogus", "--out", out).assertBadInput("--bogus");
        CliRun.run("gmm", "--data", csv, "--components", "2").assertBadInput("--out");
        CliRun.run("gmm", "--data", dir.resolve("missing.csv").toString(), "--components", "2", "--out", out)
                .assertBadInput("missing.csv");
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    static List<String[]> csvRows(Path file) {
        try {
            return Files.readAllLines(file).stream().map(l -> l.split(",")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The picture's title counts the examples the mixture was fitted on, not the points drawn. */
    @Test
    void componentMapTitleCountsTheFittedExamples() {
        assertEquals("Gaussian mixture fitted on 8,000 training examples of digits (2,000 of them drawn): 1- and "
                + "2-sigma ellipses", GmmCommand.componentMapTitle(8000, 2000, "digits"));
        assertEquals("Gaussian mixture fitted on 300 training examples of x.csv: 1- and 2-sigma ellipses",
                GmmCommand.componentMapTitle(300, 300, "x.csv"));
    }
}
