package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * train --resume with other flags: a new --lr or --batch is applied and recorded (model.json, and each
 * epoch's line of metrics.jsonl); any other change is refused with one line before anything is written.
 */
class ResumeChangesTest {

    private static List<String> resume(Path run, String... flags) {
        List<String> args = new ArrayList<>(List.of("train", "--data", Fixtures.csv().toString(), "--label-column",
                "species", "--out", run.toString(), "--resume", "--quiet"));
        args.addAll(List.of(flags));
        return args;
    }

    @Test
    void aNewLearningRateAndBatchAreAppliedAndRecorded() {
        Path run = Fixtures.copyOf(Fixtures.csvVae());
        CliRun.run(resume(run, "--epochs", "4", "--lr", "1e-4").toArray(String[]::new)).assertOk();
        CliRun.run(resume(run, "--epochs", "5", "--batch", "16").toArray(String[]::new)).assertOk();
        JsonNode training = Fixtures.readJson(run.resolve("model/model.json")).get("training");
        assertEquals(1e-4, training.get("lr").asDouble(), 0);
        assertEquals(16, training.get("batch").asInt());
        assertEquals(5, training.get("epochs_done").asInt());
        List<JsonNode> lines = Fixtures.readJsonLines(run.resolve("metrics.jsonl"));
        assertEquals(5, lines.size());
        double[] lr = lines.stream().mapToDouble(l -> l.get("lr").asDouble()).toArray();
        int[] batch = lines.stream().mapToInt(l -> l.get("batch").asInt()).toArray();
        assertArrayEquals(new double[] {1e-3, 1e-3, 1e-3, 1e-4, 1e-4}, lr, 0);
        assertArrayEquals(new int[] {32, 32, 32, 32, 16}, batch);
    }

    /** A smaller learning rate changes the step: the resumed epoch differs from one resumed at the old rate. */
    @Test
    void theNewLearningRateIsUsed() {
        Path same = Fixtures.copyOf(Fixtures.csvVae());
        Path slower = Fixtures.copyOf(Fixtures.csvVae());
        CliRun.run(resume(same, "--epochs", "4").toArray(String[]::new)).assertOk();
        CliRun.run(resume(slower, "--epochs", "4", "--lr", "1e-6").toArray(String[]::new)).assertOk();
        double before = Fixtures.readJsonLines(same.resolve("metrics.jsonl")).get(2).get("test_loss").asDouble();
        double atOld = Fixtures.readJsonLines(same.resolve("metrics.jsonl")).get(3).get("test_loss").asDouble();
        double atTiny = Fixtures.readJsonLines(slower.resolve("metrics.jsonl")).get(3).get("test_loss").asDouble();
        System.out.printf("test loss after epoch 3: %.4f; epoch 4 at lr 1e-3: %.4f, at lr 1e-6: %.4f%n", before, atOld,
                atTiny);
        // measured: 2.8698; 2.8440 at the old rate, 2.8697 at lr 1e-6 (the test pass draws the same noise, so
        // parameters that do not move give the same loss)
        assertTrue(Math.abs(before - atOld) > 0.01, "epoch 4 at the old rate moved " + (atOld - before));
        assertTrue(Math.abs(before - atTiny) < 0.1 * Math.abs(before - atOld), "at lr 1e-6 it moved " + (atTiny - before));
    }

    @Test
    void otherChangesAreRefusedNamingTheFlag() {
        Path run = Fixtures.copyOf(Fixtures.csvVae());
        byte[] parameters = Fixtures.bytes(run.resolve("model/parameters.bin"));
        CliRun.run(resume(run, "--epochs", "4", "--beta", "2").toArray(String[]::new))
                .assertBadInput("--beta", "cannot change", "1.0", "2.0");
        CliRun.run(resume(run, "--epochs", "4", "--latent", "3").toArray(String[]::new))
                .assertBadInput("--latent 3 differs from the model", "(2)");
        CliRun.run(resume(run, "--epochs", "4", "--hidden", "8,8").toArray(String[]::new))
                .assertBadInput("--hidden 8,8 differs", "(16)");
        CliRun.run(resume(run, "--epochs", "4", "--binarize").toArray(String[]::new))
                .assertBadInput("--binarize", "cannot change");
        assertArrayEquals(parameters, Fixtures.bytes(run.resolve("model/parameters.bin")));
        // the saved values themselves are not a change
        CliRun.run(resume(run, "--epochs", "4", "--latent", "2", "--lr", "1e-3", "--beta", "1").toArray(String[]::new))
                .assertOk();
    }
}
