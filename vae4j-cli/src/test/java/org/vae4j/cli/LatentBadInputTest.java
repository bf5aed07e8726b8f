package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Bad input to the latent-space commands: exit code 2, one line on stderr naming the flag or file and
 * the problem, and nothing written.
 */
class LatentBadInputTest {

    @Test
    void manifoldDimensionsOutsideTheLatent() {
        Path dir = Fixtures.newDir("bad-dims");
        String run = Fixtures.digitsVae().dir().toString();
        String out = dir.resolve("grid.png").toString();
        CliRun.run("manifold", "--model", run, "--dims", "0,4", "--out", out)
                .assertBadInput("--dims", "4 is outside the latent dimensions 0..3");
        CliRun.run("manifold", "--model", run, "--dims", "1", "--out", out).assertBadInput("--dims", "two different");
        CliRun.run("manifold", "--model", run, "--dims", "2,2", "--out", out).assertBadInput("--dims", "two different");
        CliRun.run("manifold", "--model", run, "--dims", "x,1", "--out", out).assertBadInput("--dims", "x");
        CliRun.run("manifold", "--model", run, "--grid", "1", "--out", out).assertBadInput("--grid", "2..100");
        CliRun.run("manifold", "--model", run, "--range", "0", "--out", out).assertBadInput("--range", "positive");
        CliRun.run("manifold", "--model", run, "--at", "1,2", "--out", out).assertBadInput("--at", "needs 4 values");
        CliRun.run("manifold", "--model", run, "--classes", "1", "--out", out)
                .assertBadInput("--classes", "not class-conditional");
        assertEquals(List.of(), Fixtures.entries(dir));
    }

    @Test
    void interpolateIndexOutsideTheTestSet() {
        Path dir = Fixtures.newDir("bad-from");
        String run = Fixtures.digitsVae().dir().toString();
        String out = dir.resolve("strip.png").toString();
        CliRun.run("interpolate", "--model", run, "--data", "digits", "--from", "2004", "--to", "1", "--out", out)
                .assertBadInput("--from 2004", "outside the test set's examples 0..2003");
        CliRun.run("interpolate", "--model", run, "--data", "digits", "--from", "0", "--to", "-1", "--out", out)
                .assertBadInput("--to -1", "outside");
        CliRun.run("interpolate", "--model", run, "--data", "digits", "--from", "0", "--to", "1", "--steps", "1",
                "--out", out).assertBadInput("--steps", "at least 2");
        assertEquals(List.of(), Fixtures.entries(dir));
    }

    @Test
    void mapNeedsLabels() {
        Path dir = Fixtures.newDir("map-unlabelled");
        Path run = LatentFixtures.unlabelledCsvVae().dir();
        String csv = Fixtures.csv().toString();
        String out = dir.resolve("map.png").toString();
        CliRun.run("map", "--model", run.toString(), "--data", csv, "--out", out)
                .assertBadInput(csv, "has no labels", "--label-column");
        CliRun.run("probe", "--model", run.toString(), "--data", csv).assertBadInput(csv, "has no labels");
        CliRun.run("pca", "--data", csv, "--latent", "2", "--out", out).assertBadInput(csv, "has no labels");
        assertEquals(List.of(), Fixtures.entries(dir));
    }

    @Test
    void pcaComponents() {
        Path dir = Fixtures.newDir("bad-pca");
        String data = Fixtures.smallDigits().toString();
        CliRun.run("pca", "--data", data, "--latent", "0").assertBadInput("--latent", "1..784", "got 0");
        CliRun.run("pca", "--data", data, "--latent", "785").assertBadInput("--latent", "1..784");
        CliRun.run("pca", "--data", data, "--latent", "1", "--out", dir.resolve("map.png").toString())
                .assertBadInput("--out", "at least 2");
        assertEquals(List.of(), Fixtures.entries(dir));
    }

    @Test
    void probeLabelCounts() {
        String run = Fixtures.smallDigitsAe().dir().toString();
        String data = Fixtures.smallDigits().toString();
        CliRun.run("probe", "--model", run, "--data", data, "--train-labels", "10,lots")
                .assertBadInput("--train-labels", "'lots' is neither a count nor 'all'");
        CliRun.run("probe", "--model", run, "--data", data, "--train-labels", "601")
                .assertBadInput("--train-labels", "601 is outside 1..600");
        CliRun.run("probe", "--model", run, "--data", data, "--l2", "-1").assertBadInput("--l2");
    }

    @Test
    void classConditionalModelOnUnlabelledData() throws IOException {
        Path dir = Fixtures.newDir("cvae-unlabelled");
        String run = LatentFixtures.smallCvae().dir().toString();
        // the small digits without their label files
        Path data = Files.createDirectories(dir.resolve("images"));
        for (String prefix : new String[] {"train", "t10k"}) {
            String images = prefix + "-images-idx3-ubyte";
            Files.copy(Fixtures.smallDigits().resolve(images), data.resolve(images));
        }
        Path out = dir.resolve("codes.csv");
        CliRun.run("features", "--model", run, "--data", data.toString(), "--out", out.toString())
                .assertBadInput(data.toString(), "class-conditional", "needs labelled data");
        CliRun.run("interpolate", "--model", run, "--data", data.toString(), "--from", "0", "--to", "1", "--out",
                dir.resolve("strip.png").toString()).assertBadInput("needs labelled data");
        assertEquals(List.of("images"), Fixtures.entries(dir));
    }

    @ParameterizedTest
    @ValueSource(strings = {"map", "pca", "manifold", "interpolate", "features", "probe"})
    void helpNamesEveryOption(String command) {
        CliRun help = CliRun.run(command, "--help").assertOk();
        assertTrue(help.out().startsWith("Usage: vae4j " + command + " "), help::describe);
        CommandLine sub = Main.commandLine().getSubcommands().get(command);
        for (OptionSpec option : sub.getCommandSpec().options()) {
            assertTrue(help.out().contains(option.longestName()), () -> option.longestName() + " missing; "
                    + help.describe());
        }
    }
}
