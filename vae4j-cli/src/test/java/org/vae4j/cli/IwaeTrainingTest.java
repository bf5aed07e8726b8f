package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** vae4j train --objective iwae --k K: trained on the importance-weighted bound, recorded, resumable. */
class IwaeTrainingTest {

    @Test
    void trainsOnTheImportanceWeightedBoundAndResumes() {
        Path out = Fixtures.newDir("iwae").resolve("run");
        String data = Fixtures.smallDigits().toString();
        CliRun.run("train", "--data", data, "--out", out.toString(), "--objective", "iwae", "--k", "3", "--epochs", "1",
                "--hidden", "32", "--latent", "4", "--batch", "64", "--quiet").assertOk();
        JsonNode json = Fixtures.readJson(out.resolve("model/model.json"));
        assertEquals("iwae", json.at("/training/objective").asText());
        assertEquals(3, json.at("/training/k").asInt());
        assertEquals("reparam", json.at("/training/estimator").asText());

        CliRun.run("train", "--data", data, "--out", out.toString(), "--epochs", "2", "--resume", "--quiet").assertOk();
        json = Fixtures.readJson(out.resolve("model/model.json"));
        assertEquals("iwae", json.at("/training/objective").asText(), "resuming keeps the objective");
        assertEquals(3, json.at("/training/k").asInt());
        List<JsonNode> epochs = Fixtures.readJsonLines(out.resolve("metrics.jsonl"));
        assertEquals(2, epochs.size());
        for (JsonNode epoch : epochs) {
            // -L_k has no separate KL term; the test pass still reports the ELBO's terms
            assertEquals(0.0, epoch.get("train_kl").asDouble(), epoch::toString);
            assertEquals(epoch.get("train_recon").asDouble(), epoch.get("train_loss").asDouble(), 1e-4);
            assertTrue(epoch.get("test_kl").asDouble() > 0, epoch::toString);
        }
        assertTrue(epochs.get(1).get("train_loss").asDouble() < epochs.get(0).get("train_loss").asDouble(),
                "the bound improves from epoch 1 to 2: " + epochs);
    }

    @Test
    void badCombinationsAreOneLine() {
        String out = Fixtures.newDir("iwae-bad").resolve("run").toString();
        CliRun.run("train", "--data", "digits", "--out", out, "--k", "5").assertBadInput("--k", "iwae");
        CliRun.run("train", "--data", "digits", "--out", out, "--objective", "iwae", "--k", "0")
                .assertBadInput("--k must be at least 1");
        CliRun.run("train", "--data", "digits", "--out", out, "--objective", "iwae", "--beta", "2")
                .assertBadInput("--beta");
        CliRun.run("train", "--data", "digits", "--out", out, "--objective", "elbow")
                .assertBadInput("--objective", "elbow");
        CliRun.run("train", "--data", "digits", "--out", out, "--estimator", "magic")
                .assertBadInput("--estimator", "magic");
    }
}
