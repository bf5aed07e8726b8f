package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/** vae4j gradvar: the variance table, its CSV and its plot, and the inputs it refuses. */
class GradvarCommandTest {

    /**
     * On the one-epoch digits VAE (hidden 64, latent 4), 20 test digits, R = 5: measured tr Cov at
     * S = 1 and 4: reparam 740 and 138, score 7.7e6 and 7.9e5, score with baseline 9.2e3 and 6.9e3 (the
     * score function 1.0e4 and 5.8e3 times noisier than reparam; the baseline cuts it 840 and 115
     * times). From S = 1 to 4 reparam's variance falls 5.4 times and the score's 9.7 times; the baseline
     * estimator's only 1.3 times at R = 5, as its baseline changes with S (10 independent draws at
     * S = 1, the 3 others at S = 4), so it is left out of the 1/S check here.
     */
    @Test
    void tableCsvAndPlot() throws IOException {
        Path out = Fixtures.newDir("gradvar");
        CliRun run = CliRun.run("gradvar", "--model", Fixtures.digitsVae().dir().toString(), "--data", "digits",
                "--draws", "4,1", "--repeats", "5", "--batch", "20", "--out", out.toString(), "--quiet").assertOk();
        assertTrue(run.out().contains("over 20 test examples"), run::describe);
        List<String> lines = Files.readAllLines(out.resolve("gradvar.csv"));
        assertEquals("estimator,samples,repeats,trace_covariance,ratio_to_reparam,mean_grad_sq_norm,noise_to_signal",
                lines.get(0));
        assertEquals(7, lines.size(), lines::toString);
        double[][] trace = new double[3][2];
        List<String> estimators = List.of("reparam", "score", "score-baseline");
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            int e = estimators.indexOf(f[0]);
            int s = Integer.parseInt(f[1]);
            assertTrue(e >= 0 && (s == 1 || s == 4), lines.get(i));
            assertEquals(5, Integer.parseInt(f[2]));
            trace[e][s == 1 ? 0 : 1] = Double.parseDouble(f[3]);
            double ratio = Double.parseDouble(f[4]);
            assertEquals(e == 0 ? 1 : trace[e][s == 1 ? 0 : 1] / trace[0][s == 1 ? 0 : 1], ratio, 1e-4 * ratio);
            assertTrue(run.out().contains(String.format("%-15s %5d", f[0], s)), run::describe);
        }
        System.out.printf("gradvar S=1,4: reparam %.4g %.4g, score %.4g %.4g, score-baseline %.4g %.4g%n",
                trace[0][0], trace[0][1], trace[1][0], trace[1][1], trace[2][0], trace[2][1]);
        for (int s = 0; s < 2; s++) {
            assertTrue(trace[1][s] > 1000 * trace[0][s], "score far noisier than reparam");
            assertTrue(trace[1][s] > 10 * trace[2][s], "the baseline lowers the score's variance");
        }
        for (double[] t : List.of(trace[0], trace[1])) {
            assertTrue(t[0] / t[1] > 2 && t[0] / t[1] < 16, "variance falls about 1/S: " + t[0] / t[1]);
        }
        BufferedImage plot = ImageIO.read(out.resolve("gradvar.png").toFile());
        assertEquals(900, plot.getWidth());
        assertEquals(600, plot.getHeight());
    }

    @Test
    void refusesAnAutoEncoderAndBadCounts() {
        Path out = Fixtures.newDir("gradvar-bad");
        String vae = Fixtures.digitsVae().dir().toString();
        CliRun.run("gradvar", "--model", Fixtures.smallDigitsAe().dir().toString(), "--data",
                Fixtures.smallDigits().toString(), "--out", out.toString(), "--quiet")
                .assertBadInput("gradvar needs a VAE");
        CliRun.run("gradvar", "--model", vae, "--data", "digits", "--draws", "0,10", "--out", out.toString())
                .assertBadInput("--draws must be at least 1");
        CliRun.run("gradvar", "--model", vae, "--data", "digits", "--repeats", "1", "--out", out.toString())
                .assertBadInput("--repeats must be at least 2");
        CliRun.run("gradvar", "--model", vae, "--data", "digits", "--batch", "0", "--out", out.toString())
                .assertBadInput("--batch must be at least 1");
        assertEquals(List.of(), Fixtures.entries(out));
    }

    @Test
    void helpListsEveryOption() {
        CliRun help = CliRun.run("gradvar", "--help").assertOk();
        for (OptionSpec option : Main.commandLine().getSubcommands().get("gradvar").getCommandSpec().options()) {
            assertTrue(help.out().contains(option.longestName()), option::longestName);
        }
        assertTrue(CliRun.run("--help").assertOk().out().contains("  gradvar "));
    }
}
