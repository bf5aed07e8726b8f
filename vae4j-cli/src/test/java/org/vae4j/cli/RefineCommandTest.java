package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vae4j.cli.pictures.RefinementCurve;
import picocli.CommandLine.Model.OptionSpec;

/** vae4j refine: the table, refine.csv, refine-summary.csv and refine.png; bad input. */
class RefineCommandTest {

    private static final int STEPS = 30;
    /** Small settings: 40 examples, 30 steps at lr 0.05 with 5 draws, ELBOs from 100 draws, IWAE k = 100. */
    private static final String[] SMALL = {"--n", "40", "--steps", "30", "--lr", "0.05", "--step-draws", "5", "--draws",
        "100", "--k", "100"};

    /*
     * Measured with these settings (nats per example, +- standard error). 2-D VAE of the small digits:
     * amortized ELBO -477.321, refined -462.939, IWAE -457.522; amortization gap 14.383 +- 1.516,
     * approximation gap 5.417 +- 0.929; trace -478.06 at step 0, -463.78 at step 30. Class-conditional
     * VAE: -517.164, -510.680, -508.480; gaps 6.484 +- 0.371 and 2.200 +- 0.424; trace -516.68 ..
     * -510.81. The trace is a 5-draw estimate over 40 examples (Monte Carlo standard error about 0.7
     * if one draw's ELBO spreads by 10 nats); measured 0.74 and 0.48 from the 100-draw amortized ELBO.
     */

    @Test
    void tableCsvAndPlot() {
        Path out = Fixtures.newDir("refine").resolve("out");
        CliRun run = refine(LatentFixtures.smallVae2d(), "--out", out.toString()).assertOk();
        assertEquals(List.of(RefineCommand.SUMMARY_CSV, RefineCommand.TRACE_CSV, RefineCommand.PLOT),
                Fixtures.entries(out));

        Map<String, double[]> summary = summary(out);
        double amortized = summary.get("amortized_elbo")[0];
        double refined = summary.get("refined_elbo")[0];
        double iwae = summary.get("iwae")[0];
        double[] amortization = summary.get("amortization_gap");
        double[] approximation = summary.get("approximation_gap");
        assertGapsAreClear(summary);
        assertEquals(refined - amortized, amortization[0], 2e-6);
        assertEquals(iwae - refined, approximation[0], 2e-6);
        // each number of the CSV is in the printed table, to its 3 decimals
        for (String name : List.of("amortized ELBO", "refined ELBO", "IWAE estimate of log p(x), k=100",
                "amortization gap", "approximation gap")) {
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith(name)), name + " missing; " + run.describe());
        }
        assertTableRow(run, "amortized ELBO", summary.get("amortized_elbo"));
        assertTableRow(run, "amortization gap", amortization);
        assertTableRow(run, "approximation gap", approximation);

        assertTraceClimbs(trace(out), summary);

        BufferedImage plot = LatentFixtures.readPng(out.resolve(RefineCommand.PLOT));
        assertEquals(800, plot.getWidth());
        for (Color colour : List.of(RefinementCurve.REFINED, RefinementCurve.AMORTIZED, RefinementCurve.IWAE)) {
            assertTrue(count(plot, colour) > 100, "the plot lacks the line of colour " + colour);
        }
    }

    @Test
    void classConditionalModel() {
        Path out = Fixtures.newDir("refine-cvae").resolve("out");
        refine(LatentFixtures.smallCvae(), "--out", out.toString()).assertOk();
        Map<String, double[]> summary = summary(out);
        assertGapsAreClear(summary);
        assertTraceClimbs(trace(out), summary);
    }

    @Test
    void writesBesideTheModelByDefaultAndNeverOverwrites() {
        Path run = Fixtures.copyOf(LatentFixtures.smallVae2d());
        CliRun first = CliRun.run(args(run, "--n", "5", "--steps", "2")).assertOk();
        Path dir = run.resolve("refine");
        assertEquals(List.of(RefineCommand.SUMMARY_CSV, RefineCommand.TRACE_CSV, RefineCommand.PLOT),
                Fixtures.entries(dir), first::describe);
        byte[] csv = Fixtures.bytes(dir.resolve(RefineCommand.TRACE_CSV));
        byte[] png = Fixtures.bytes(dir.resolve(RefineCommand.PLOT));
        CliRun.run(args(run, "--n", "5", "--steps", "3"))
                .assertBadInput(dir.resolve(RefineCommand.TRACE_CSV).toString(), "already exists", "--out");
        assertArrayEquals(csv, Fixtures.bytes(dir.resolve(RefineCommand.TRACE_CSV)));
        assertArrayEquals(png, Fixtures.bytes(dir.resolve(RefineCommand.PLOT)));
    }

    @Test
    void sameSeedSameNumbers() {
        Path a = Fixtures.newDir("refine-seed").resolve("a");
        Path b = Fixtures.newDir("refine-seed").resolve("b");
        for (Path out : List.of(a, b)) {
            refine(LatentFixtures.smallVae2d(), "--n", "10", "--steps", "5", "--seed", "4", "--out", out.toString())
                    .assertOk();
        }
        assertArrayEquals(Fixtures.bytes(a.resolve(RefineCommand.SUMMARY_CSV)),
                Fixtures.bytes(b.resolve(RefineCommand.SUMMARY_CSV)));
        assertArrayEquals(Fixtures.bytes(a.resolve(RefineCommand.TRACE_CSV)),
                Fixtures.bytes(b.resolve(RefineCommand.TRACE_CSV)));
    }

    @Test
    void badInput() {
        Path dir = Fixtures.newDir("refine-bad");
        String out = dir.resolve("out").toString();
        Fixtures.Trained vae = LatentFixtures.smallVae2d();
        refine(vae, "--steps", "0", "--out", out).assertBadInput("--steps must be at least 1, got 0");
        refine(vae, "--lr", "0", "--out", out).assertBadInput("--lr must be positive");
        refine(vae, "--step-draws", "0", "--out", out).assertBadInput("--step-draws");
        refine(vae, "--draws", "0", "--out", out).assertBadInput("--draws");
        refine(vae, "--k", "0", "--out", out).assertBadInput("--k");
        refine(vae, "--n", "-1", "--out", out).assertBadInput("--n");
        refine(vae, "--steps", "x", "--out", out).assertBadInput("--steps", "x");
        refine(Fixtures.smallDigitsAe(), "--out", out).assertBadInput("auto-encoder", "vae or cvae");
        Path file = dir.resolve("file");
        Fixtures.write(file, "");
        refine(vae, "--out", file.toString()).assertBadInput(file.toString(), "not a folder");
        assertEquals(List.of("file"), Fixtures.entries(dir), "nothing was written");
    }

    @Test
    void helpNamesEveryOption() {
        CliRun help = CliRun.run("refine", "--help").assertOk();
        assertTrue(help.out().startsWith("Usage: vae4j refine "), help::describe);
        for (OptionSpec option : Main.commandLine().getSubcommands().get("refine").getCommandSpec().options()) {
            assertTrue(help.out().contains(option.longestName()), () -> option.longestName() + " missing");
        }
        assertTrue(CliRun.run("--help").assertOk().out().contains("  refine "));
    }

    // ----

    /** Both gaps are positive by more than 3 standard errors: ELBO(encoder) < ELBO(refined) < IWAE. */
    private static void assertGapsAreClear(Map<String, double[]> summary) {
        for (String gap : List.of("amortization_gap", "approximation_gap")) {
            double[] value = summary.get(gap);
            assertTrue(value[0] > 3 * value[1], gap + " " + value[0] + " +- " + value[1]);
        }
    }

    /** The trace starts at the amortized ELBO, ends at the refined one, and climbs. */
    private static void assertTraceClimbs(double[] trace, Map<String, double[]> summary) {
        assertEquals(STEPS + 1, trace.length);
        assertEquals(summary.get("amortized_elbo")[0], trace[0], 3.0, "trace at step 0");
        assertEquals(summary.get("refined_elbo")[0], trace[STEPS], 3.0, "trace at the last step");
        assertTrue(trace[STEPS] - trace[0] > summary.get("amortization_gap")[0] / 2, "the trace climbs");
    }

    private static CliRun refine(Fixtures.Trained model, String... overrides) {
        return CliRun.run(args(model.dir(), overrides));
    }

    /** refine --model RUN with the small settings, each option in {@code overrides} (pairs) replacing its value. */
    private static String[] args(Path run, String... overrides) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--model", run.toString());
        options.put("--data", Fixtures.smallDigits().toString());
        for (int i = 0; i < SMALL.length; i += 2) {
            options.put(SMALL[i], SMALL[i + 1]);
        }
        for (int i = 0; i < overrides.length; i += 2) {
            options.put(overrides[i], overrides[i + 1]);
        }
        List<String> args = new ArrayList<>(List.of("refine", "--quiet"));
        options.forEach((name, value) -> args.addAll(List.of(name, value)));
        return args.toArray(String[]::new);
    }

    /** The value and standard error printed on the table row that starts with {@code name}. */
    private static void assertTableRow(CliRun run, String name, double[] expected) {
        String line = run.out().lines().filter(l -> l.startsWith(name)).findFirst().orElseThrow();
        String[] fields = line.trim().split("\\s+");
        assertEquals(expected[0], Double.parseDouble(fields[fields.length - 2]), 5e-4, line);
        assertEquals(expected[1], Double.parseDouble(fields[fields.length - 1]), 5e-4, line);
    }

    /** quantity -> {nats, std_err} of refine-summary.csv. */
    static Map<String, double[]> summary(Path out) {
        List<String> lines = lines(out.resolve(RefineCommand.SUMMARY_CSV));
        assertEquals("quantity,nats,std_err", lines.get(0));
        Map<String, double[]> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rows.put(f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        }
        assertEquals(5, rows.size());
        return rows;
    }

    /** The elbo column of refine.csv, checking that the steps count from 0. */
    static double[] trace(Path out) {
        List<String> lines = lines(out.resolve(RefineCommand.TRACE_CSV));
        assertEquals("step,elbo", lines.get(0));
        double[] trace = new double[lines.size() - 1];
        for (int t = 0; t < trace.length; t++) {
            String[] f = lines.get(t + 1).split(",");
            assertEquals(t, Integer.parseInt(f[0]));
            trace[t] = Double.parseDouble(f[1]);
        }
        return trace;
    }

    private static int count(BufferedImage image, Color colour) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
