package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vae4j ppca on a small CSV from a 2-factor linear-Gaussian model, and its bad input. */
class PpcaCommandTest {

    /** 250 rows of 6 columns: x = W z + noise with z in 2 dimensions, noise of spread 0.5. */
    static Path twoFactors(Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(9);
        double[][] w = new double[6][2];
        for (double[] row : w) {
            row[0] = random.nextGaussian();
            row[1] = 0.6 * random.nextGaussian();
        }
        StringBuilder csv = new StringBuilder("a,b,c,d,e,f\n");
        for (int i = 0; i < 250; i++) {
            double z0 = random.nextGaussian();
            double z1 = random.nextGaussian();
            for (int j = 0; j < 6; j++) {
                double v = w[j][0] * z0 + w[j][1] * z1 + 0.5 * random.nextGaussian();
                csv.append(j > 0 ? "," : "").append(String.format(Locale.ROOT, "%.5f", v));
            }
            csv.append('\n');
        }
        Path file = dir.resolve("factors.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void emConvergesToTheClosedForm(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("ppca");
        CliRun run = CliRun.run("ppca", "--data", twoFactors(dir).toString(), "--latent", "2", "--iterations", "300",
                "--out", out.toString()).assertOk();
        Matcher closed = Pattern.compile("closed form: sigma\\^2 \\S+, log-likelihood (-?[\\d.]+)").matcher(run.out());
        Matcher em = Pattern.compile("EM after (\\d+) iterations: sigma\\^2 \\S+, log-likelihood (-?[\\d.]+)")
                .matcher(run.out());
        assertTrue(closed.find() && em.find(), run::describe);
        double closedForm = Double.parseDouble(closed.group(1));
        double reached = Double.parseDouble(em.group(2));
        // measured: EM stops (tolerance 1e-6) after 30 iterations, 2.2e-6 nats below the closed form
        assertEquals(closedForm, reached, 1e-3, run::describe);
        assertTrue(Integer.parseInt(em.group(1)) < 300, "EM converged before the limit; " + run.describe());
        List<String[]> rows = GmmCommandTest.csvRows(out.resolve("ppca.csv"));
        assertEquals("iteration,em_log_likelihood,closed_form_log_likelihood,noise_variance", String.join(",", rows.get(0)));
        double previous = Double.NEGATIVE_INFINITY;
        for (String[] row : rows.subList(1, rows.size())) {
            double logLikelihood = Double.parseDouble(row[1]);
            assertTrue(logLikelihood >= previous - 1e-9, "EM never decreases: " + String.join(",", row));
            assertTrue(logLikelihood <= Double.parseDouble(row[2]) + 1e-9, "nor passes the maximum");
            previous = logLikelihood;
        }
        assertEquals(List.of("ppca.csv", "ppca.json", "ppca.png"), Fixtures.entries(out));
    }

    @Test
    void helpNamesEveryOption() {
        CliRun help = CliRun.run("ppca", "--help").assertOk();
        for (picocli.CommandLine.Model.OptionSpec option
                : Main.commandLine().getSubcommands().get("ppca").getCommandSpec().options()) {
            assertTrue(help.out().contains(option.longestName()), () -> option.longestName() + "; " + help.describe());
        }
    }

    @Test
    void badInput(@TempDir Path dir) throws IOException {
        String csv = twoFactors(dir).toString();
        String out = dir.resolve("out").toString();
        CliRun.run("ppca", "--data", csv, "--latent", "0", "--out", out).assertBadInput("--latent must be at least 1");
        CliRun.run("ppca", "--data", csv, "--latent", "6", "--out", out)
                .assertBadInput("--latent must be in 1..5 (below the data's dimension 6), got 6");
        CliRun.run("ppca", "--data", csv, "--latent", "2", "--iterations", "-3", "--out", out)
                .assertBadInput("--iterations must be at least 1");
        CliRun.run("ppca", "--data", csv, "--out", out).assertBadInput("--latent");
        CliRun.run("ppca", "--data", csv, "--latent", "2", "--tolerance", "abc", "--out", out)
                .assertBadInput("--tolerance", "abc");
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }
}
