package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Sizes no machine can serve are refused before any work, with one line that says the range or how much
 * memory it would need; a count of 0 is not "all".
 */
class AbsurdSizesTest {

    @Test
    void countsHaveARange() {
        String run = Fixtures.digitsVae().dir().toString();
        Path png = Fixtures.newDir("absurd").resolve("x.png");
        CliRun.run("sample", "--model", run, "--n", "2147483647", "--out", png.toString())
                .assertBadInput("--n must be in 1..10000");
        CliRun.run("sample", "--model", run, "--n", "10000000", "--out", png.toString())
                .assertBadInput("--n must be in 1..10000");
        CliRun.run("evaluate", "--model", run, "--data", "digits", "--k", "2147483647", "--n", "1")
                .assertBadInput("--k must be in 1..100000");
        CliRun.run("evaluate", "--model", run, "--data", "digits", "--n", "0")
                .assertBadInput("--n must be at least 1, got 0 (leave it out for all)");
        CliRun.run("map", "--model", run, "--data", "digits", "--knn", "0", "--out", png.toString())
                .assertBadInput("--knn must be at least 1");
        CliRun.run("likelihood", "--model", run, "--data", "digits", "--samples", "2000000000")
                .assertBadInput("--samples", "1..1000000");
        assertFalse(Files.exists(png));
    }

    @Test
    void modelsThatCannotFitAreRefusedSayingWhatTheyNeed() {
        for (String[] flags : new String[][] {{"--latent", "2147483647"}, {"--hidden", "2147483647"},
                {"--hidden", "2000000000,2000000000"}}) {
            Path out = Fixtures.newDir("absurd-model").resolve("run");
            String line = CliRun.run("train", "--data", "digits", "--out", out.toString(), flags[0], flags[1],
                    "--quiet").assertBadInput("model");
            assertTrue(line.contains("needs") && line.contains("available") || line.contains("more parameters"), line);
            assertFalse(Files.exists(out), "nothing written for " + String.join(" ", flags));
        }
    }

    /** A manifold of a latent of more than 2 dimensions says that it is a slice. */
    @Test
    void aManifoldOfALongerLatentSaysItIsASlice() {
        Path png = Fixtures.newDir("slice").resolve("grid.png");
        CliRun done = CliRun.run("manifold", "--model", Fixtures.digitsVae().dir().toString(), "--grid", "3",
                "--out", png.toString()).assertOk();
        assertTrue(done.out().contains("the latent has 4 dimensions: the grid is a slice through z0 and z1"),
                done::describe);
    }
}
