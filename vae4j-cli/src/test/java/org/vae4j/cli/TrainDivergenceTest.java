package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.io.ModelStore;
import org.vae4j.io.ModelStore.LoadedModel;
import org.vae4j.optim.Adam;

/** A non-finite loss stops training with exit code 3 and one line; the last good checkpoint stays. */
class TrainDivergenceTest {

    @Test
    void hugeLearningRateDivergesBeforeAnyCheckpoint() {
        Path out = Fixtures.newDir("diverge").resolve("run");
        CliRun run = CliRun.run("train", "--data", Fixtures.csv().toString(), "--label-column", "species", "--out",
                out.toString(), "--lr", "1e30", "--epochs", "2", "--hidden", "16", "--latent", "2", "--batch", "32",
                "--quiet");
        assertEquals(ExitCodes.DIVERGED, run.exitCode(), run::describe);
        run.assertOneErrorLine("training diverged", "at epoch 1", "--lr", "no epoch finished, so no model was saved");
        assertFalse(Files.exists(out), "the run folder the run made is gone");
    }

    /**
     * A run whose optimizer state was poisoned with NaN diverges in the epoch it resumes: the
     * checkpoint of the epoch before is kept, loadable and unchanged.
     */
    @Test
    void divergenceKeepsTheLastGoodCheckpoint() {
        Path run = Fixtures.copyOf(Fixtures.csvVae());
        byte[] parameters = Fixtures.bytes(run.resolve("model/parameters.bin"));
        byte[] metrics = Fixtures.bytes(run.resolve("metrics.jsonl"));
        try (NDManager m = NDManager.newBaseManager(); LoadedModel loaded = ModelStore.load(run, m)) {
            NDList state = loaded.optimizerState();
            NDList poisoned = new NDList(state.get(0));
            for (int i = 1; i < state.size(); i++) {
                NDArray moment = state.get(i);
                poisoned.add(i == 1 ? m.full(moment.getShape(), Float.NaN) : moment);
            }
            try (Adam adam = Adam.forVector(loaded.model().parameterVector(), 1e-3, m)) {
                adam.restore(poisoned);
                ModelStore.save(run.resolve(ModelStore.MODEL_DIR), loaded.model(), loaded.info(), adam);
            }
        }
        assertArrayEquals(parameters, Fixtures.bytes(run.resolve("model/parameters.bin")));

        CliRun resumed = CliRun.run("train", "--data", Fixtures.csv().toString(), "--label-column", "species", "--out",
                run.toString(), "--resume", "--epochs", "5", "--quiet");
        assertEquals(ExitCodes.DIVERGED, resumed.exitCode(), resumed::describe);
        resumed.assertOneErrorLine("training diverged", "at epoch 4, step 2",
                "the last good checkpoint (epoch 3) is kept in " + run.resolve("model"));

        assertArrayEquals(parameters, Fixtures.bytes(run.resolve("model/parameters.bin")));
        assertArrayEquals(metrics, Fixtures.bytes(run.resolve("metrics.jsonl")));
        try (NDManager m = NDManager.newBaseManager(); LoadedModel kept = ModelStore.load(run, m)) {
            assertEquals(3, kept.info().epochsDone());
            List<Float> bad = new ArrayList<>();
            for (Parameter p : kept.model().parameters()) {
                for (float v : p.getArray().toFloatArray()) {
                    if (!Float.isFinite(v)) {
                        bad.add(v);
                    }
                }
            }
            assertTrue(bad.isEmpty(), bad::toString);
        }
    }
}
