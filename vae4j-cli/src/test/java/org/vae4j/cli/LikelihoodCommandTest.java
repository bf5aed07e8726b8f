package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** vae4j likelihood: log p(x) by prior and importance sampling as M grows, as a table, CSV and PNG. */
class LikelihoodCommandTest {

    private static final String HEADER = "estimator,samples,log_px_nats,std_err_nats,seconds,n";

    /** A class-conditional model: the table, its CSV and plot, and the estimates' relations. */
    @Test
    void bothEstimatorsOnAConditionalModel() {
        Path dir = Fixtures.newDir("likelihood-cvae");
        String run = LatentFixtures.smallCvae().dir().toString();
        String data = Fixtures.smallDigits().toString();
        CliRun done = CliRun.run("likelihood", "--model", run, "--data", data, "--samples", "100,1,10", "--n", "50",
                "--quiet", "--out", dir.toString()).assertOk();
        List<String> out = done.out().lines().toList();
        assertTrue(out.get(0).startsWith("log p(x) of 50 test examples of " + data + ", nats per example"),
                done::describe);
        assertEquals(List.of("estimator", "M", "log", "p(x)", "std", "err", "seconds"),
                List.of(out.get(1).trim().split("\\s+")), done::describe);
        assertEquals(List.of("likelihood.csv", "likelihood.png"), Fixtures.entries(dir));
        List<String[]> rows = csvRows(dir.resolve("likelihood.csv"));
        assertEquals(6, rows.size());
        String[] expectedOrder = {"prior,1", "prior,10", "prior,100", "importance,1", "importance,10", "importance,100"};
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            assertEquals(expectedOrder[i], row[0] + "," + row[1], "rows by estimator, then increasing M");
            assertEquals("50", row[5]);
            // the printed table holds the CSV's numbers
            String[] printed = out.get(2 + i).trim().split("\\s+");
            assertEquals(List.of(row[0], row[1], String.format(Locale.ROOT, "%.3f", Double.parseDouble(row[2])),
                    String.format(Locale.ROOT, "%.3f", Double.parseDouble(row[3]))),
                    List.of(printed[0], printed[1], printed[2], printed[3]));
        }
        // both estimates rise with M in expectation (E log of a mean of M weights grows with M); measured on this
        // barely trained model: prior -518.9, -514.1, -510.0; importance -518.9, -511.6, -506.2 (std errs 0.7-1.0)
        for (String estimator : new String[] {"prior", "importance"}) {
            assertTrue(value(rows, estimator, 1) < value(rows, estimator, 10)
                    && value(rows, estimator, 10) < value(rows, estimator, 100), () -> estimator + " " + done.out());
        }
        assertTrue(value(rows, "prior", 100) < value(rows, "importance", 100), done::describe);
        BufferedImage png = LatentFixtures.readPng(dir.resolve("likelihood.png"));
        assertEquals(800, png.getWidth());
        assertEquals(500, png.getHeight());
    }

    /**
     * The importance estimate is the IWAE estimate of 'vae4j evaluate': on the same examples with other
     * noise, the two differ by far less than the spread over examples.
     */
    @Test
    void importanceSamplingAgreesWithEvaluate() {
        Path dir = Fixtures.newDir("likelihood-vs-evaluate");
        String run = LatentFixtures.smallVae2d().dir().toString();
        String data = Fixtures.smallDigits().toString();
        CliRun.run("likelihood", "--model", run, "--data", data, "--estimator", "importance", "--samples", "50",
                "--n", String.valueOf(Fixtures.SMALL_TEST), "--quiet", "--out", dir.toString()).assertOk();
        List<String[]> rows = csvRows(dir.resolve("likelihood.csv"));
        assertEquals(1, rows.size());
        assertEquals(String.valueOf(Fixtures.SMALL_TEST), rows.get(0)[5]);
        JsonNode evaluated = EvaluateCommandTest.parseOneJsonLine(CliRun.run("evaluate", "--model", run, "--data", data,
                "--k", "50", "--json", "--quiet").assertOk());
        double stdErr = evaluated.get("nll_std_err").asDouble();
        // measured: -456.97 here, -457.19 from evaluate, std err 0.99 over examples
        assertEquals(-evaluated.get("nll").asDouble(), Double.parseDouble(rows.get(0)[2]), stdErr / 2);
        assertEquals(stdErr, Double.parseDouble(rows.get(0)[3]), stdErr / 10);
    }

    /**
     * Each row has its own noise stream: the prior rows are the same whether or not importance runs too.
     * And the lecture's claim in small: ten times more prior samples are still far below importance
     * sampling (measured: prior -355.7 at M = 3, -295.0 at M = 30; importance -241.5 and -238.4).
     */
    @Test
    void rowsDoNotDependOnTheOtherRows() {
        String run = Fixtures.digitsVae().dir().toString();
        Path both = Fixtures.newDir("likelihood-both");
        Path prior = Fixtures.newDir("likelihood-prior");
        CliRun.run("likelihood", "--model", run, "--data", "digits", "--samples", "3,30", "--n", "40", "--quiet",
                "--out", both.toString()).assertOk();
        CliRun.run("likelihood", "--model", run, "--data", "digits", "--estimator", "prior", "--samples", "30,3",
                "--n", "40", "--quiet", "--out", prior.toString()).assertOk();
        List<String[]> all = csvRows(both.resolve("likelihood.csv"));
        List<String[]> priorOnly = csvRows(prior.resolve("likelihood.csv"));
        assertEquals(2, priorOnly.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(List.of(all.get(i)[0], all.get(i)[1], all.get(i)[2], all.get(i)[3]),
                    List.of(priorOnly.get(i)[0], priorOnly.get(i)[1], priorOnly.get(i)[2], priorOnly.get(i)[3]));
        }
        assertTrue(value(all, "prior", 30) < value(all, "importance", 3) - 20, () -> all.stream()
                .map(r -> String.join(",", r)).toList().toString());
        assertTrue(value(all, "importance", 3) < value(all, "importance", 30));
    }

    /** Without --out the files go into the run folder, beside what training wrote, which stays as it was. */
    @Test
    void writesIntoTheRunFolderByDefault() {
        Path run = Fixtures.copyOf(Fixtures.digitsVae());
        List<String> before = Fixtures.entries(run);
        byte[] metrics = Fixtures.bytes(run.resolve("metrics.jsonl"));
        CliRun done = CliRun.run("likelihood", "--model", run.toString(), "--data", "digits", "--samples", "2",
                "--n", "10", "--quiet").assertOk();
        List<String> after = new ArrayList<>(before);
        after.addAll(List.of("likelihood.csv", "likelihood.png"));
        after.sort(null);
        assertEquals(after, Fixtures.entries(run));
        assertTrue(done.out().contains("wrote likelihood.csv and likelihood.png to " + run.toAbsolutePath()),
                done::describe);
        assertEquals(new String(metrics), new String(Fixtures.bytes(run.resolve("metrics.jsonl"))));
    }

    @Test
    void badInput() {
        Path dir = Fixtures.newDir("likelihood-bad");
        String run = Fixtures.digitsVae().dir().toString();
        String out = dir.toString();
        CliRun.run("likelihood", "--model", run, "--data", "digits", "--samples", "10,0", "--out", out)
                .assertBadInput("--samples", "in 1..1000000", "got 0");
        CliRun.run("likelihood", "--model", run, "--data", "digits", "--samples", "ten", "--out", out)
                .assertBadInput("--samples", "ten");
        CliRun.run("likelihood", "--model", run, "--data", "digits", "--estimator", "naive", "--out", out)
                .assertBadInput("--estimator", "'naive'", "prior, importance or both");
        CliRun.run("likelihood", "--model", run, "--data", "digits", "--n", "-1", "--out", out)
                .assertBadInput("--n", "-1");
        String ae = Fixtures.smallDigitsAe().dir().toString();
        CliRun.run("likelihood", "--model", ae, "--data", Fixtures.smallDigits().toString(), "--out", out)
                .assertBadInput("auto-encoder has no likelihood");
        Path file = dir.resolve("a-file");
        Fixtures.write(file, "x");
        CliRun.run("likelihood", "--model", run, "--data", "digits", "--out", file.toString())
                .assertBadInput(file.toString(), "is a file, not a folder");
        assertEquals(List.of("a-file"), Fixtures.entries(dir));
    }

    @Test
    void helpNamesTheEstimators() {
        CliRun help = CliRun.run("likelihood", "--help").assertOk();
        for (String option : new String[] {"--model", "--data", "--estimator", "--samples", "--n", "--seed", "--out",
            "--quiet"}) {
            assertTrue(help.out().contains(option), option);
        }
        assertTrue(help.out().contains("z_j ~ p(z)") && help.out().contains("z_j ~ q(z|x)"), help::describe);
    }

    // ----

    /** The data rows of the CSV file, after checking its header. */
    private static List<String[]> csvRows(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            assertEquals(HEADER, lines.get(0));
            return lines.subList(1, lines.size()).stream().map(l -> l.split(",")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double value(List<String[]> rows, String estimator, int m) {
        for (String[] row : rows) {
            if (row[0].equals(estimator) && Integer.parseInt(row[1]) == m) {
                return Double.parseDouble(row[2]);
            }
        }
        throw new AssertionError("no row " + estimator + " M=" + m);
    }
}
