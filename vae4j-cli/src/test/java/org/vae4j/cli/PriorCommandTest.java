package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.io.ModelStore;
import org.vae4j.io.ModelStore.LoadedModel;
import org.vae4j.model.LatentModel;
import org.vae4j.model.PriorKind;

/** vae4j train --prior mog|vamp --components K: the learned priors from the command line. */
class PriorCommandTest {

    /** Trains one epoch on the digits with a small network; returns the run folder. */
    private static Path train(String prior, int components, int priorParameters) {
        Path out = Fixtures.newDir(prior).resolve("run");
        CliRun trained = CliRun.run("train", "--data", "digits", "--out", out.toString(), "--prior", prior,
                "--components", Integer.toString(components), "--epochs", "1", "--hidden", "64", "--latent", "4",
                "--quiet").assertOk();
        // encoder 784-64-8, decoder 4-64-784, then the prior's parameters
        long parameters = (784 * 64 + 64) + (64 * 8 + 8) + (4 * 64 + 64) + (64 * 784 + 784) + priorParameters;
        assertTrue(trained.out().contains(String.format("training a vae with a %s prior of %d components (%,d parameters)",
                prior, components, parameters)), trained::describe);
        JsonNode model = Fixtures.readJson(out.resolve("model/model.json")).get("model");
        assertEquals(prior, model.get("prior").asText());
        assertEquals(components, model.get("components").asInt());
        for (JsonNode epoch : Fixtures.readJsonLines(out.resolve("metrics.jsonl"))) {
            assertTrue(epoch.get("test_kl").asDouble() > 0 && epoch.get("test_loss").asDouble() < 400, epoch::toString);
        }
        return out;
    }

    /** The prior's parameters were trained: they differ from the starting values the same seed gives. */
    private static void assertPriorTrained(Path run, int priorArrays) {
        try (NDManager m = NDManager.newBaseManager(); LoadedModel loaded = ModelStore.load(run, m);
                LatentModel initial = LatentModel.create(loaded.model().config(), m, loaded.info().training().seed())) {
            List<Parameter> trained = loaded.model().parameters();
            List<Parameter> start = initial.parameters();
            for (int i = trained.size() - priorArrays; i < trained.size(); i++) {
                float[] before = start.get(i).getArray().toFloatArray();
                float[] after = trained.get(i).getArray().toFloatArray();
                assertFalse(Arrays.equals(before, after), trained.get(i).getName() + " did not change");
            }
        }
    }

    /** The learned prior's model evaluates with the unchanged command; k = 10 is tighter than the ELBO. */
    private static void assertEvaluates(Path run) {
        JsonNode result = EvaluateCommandTest.parseOneJsonLine(CliRun.run("evaluate", "--model", run.toString(),
                "--data", "digits", "--k", "10", "--n", "200", "--json", "--quiet").assertOk());
        assertEquals(200, result.get("n").asInt());
        double nll = result.get("nll").asDouble();
        assertTrue(Double.isFinite(nll) && nll < -result.get("elbo").asDouble(), result::toString);
    }

    @Test
    void mixtureOfGaussiansTrainsAndEvaluates() throws IOException {
        Path run = train("mog", 5, 5 + 2 * 5 * 4);
        assertPriorTrained(run, 3);
        assertEvaluates(run);
        // draws from the mixture: component, then Gaussian
        CliRun.run("sample", "--model", run.toString(), "--out", run.resolve("more-samples.png").toString()).assertOk();
        assertTrue(Files.size(run.resolve("more-samples.png")) > 0);
    }

    @Test
    void vampPriorTrainsAndEvaluates() {
        Path run = train("vamp", 20, 20 * 784);
        assertPriorTrained(run, 1);
        assertEvaluates(run);
    }

    @Test
    void badPriorFlagsAreOneLine() {
        String out = Fixtures.newDir("bad-prior").resolve("run").toString();
        CliRun.run("train", "--data", "digits", "--out", out, "--prior", "mog", "--components", "0")
                .assertBadInput("--components", "at least 1", "0");
        CliRun.run("train", "--data", "digits", "--out", out, "--components", "5")
                .assertBadInput("--components", "--prior mog or vamp");
        CliRun.run("train", "--data", "digits", "--out", out, "--prior", "gmm")
                .assertBadInput("--prior", "gmm", "standard, mog or vamp");
        CliRun.run("train", "--data", "digits", "--out", out, "--model", "cvae", "--prior", "vamp")
                .assertBadInput("vamp", "cvae");
        CliRun.run("train", "--data", "digits", "--out", out, "--model", "ae", "--prior", "mog")
                .assertBadInput("auto-encoder", "--prior mog");
        CliRun.run("train", "--data", "digits", "--out", out, "--prior", "mog", "--estimator", "score")
                .assertBadInput("--estimator score", "--prior mog");
        assertFalse(java.nio.file.Files.exists(Path.of(out)), "nothing written for a refused run");
        assertEquals(PriorKind.MOG, PriorKind.parse("mog"));
    }
}
