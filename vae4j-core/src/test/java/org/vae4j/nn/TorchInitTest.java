package org.vae4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.dist.Rng;

class TorchInitTest {

    /** Weights and biases of each layer are U(-1/sqrt(fan_in), 1/sqrt(fan_in)), as nn.Linear's. */
    @Test
    void linearLayersAreUniformInPlusMinusOneOverSqrtFanIn() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block mlp = Mlp.of(List.of(300), 200);
            mlp.initialize(m, DataType.FLOAT32, new Shape(1, 50));
            TorchInit.apply(mlp, new Rng(1));
            int[] fanIns = {50, 50, 300, 300};   // weight then bias of each of the two layers
            List<Pair<String, Parameter>> parameters = mlp.getParameters().stream().toList();
            assertEquals(4, parameters.size());
            for (int i = 0; i < 4; i++) {
                float[] values = parameters.get(i).getValue().getArray().toFloatArray();
                double bound = 1 / Math.sqrt(fanIns[i]);
                double sum = 0;
                double sumSq = 0;
                for (float v : values) {
                    assertTrue(Math.abs(v) <= bound, parameters.get(i).getKey() + ": " + v + " outside +-" + bound);
                    sum += v;
                    sumSq += (double) v * v;
                }
                int n = values.length;
                double variance = bound * bound / 3;   // of U(-a, a)
                // standard errors: sqrt(var / n) for the mean, sqrt(var(v^2) / n) = a^2 sqrt(4/45 / n) for E[v^2]
                assertEquals(0, sum / n, 4 * Math.sqrt(variance / n), parameters.get(i).getKey());
                assertEquals(variance, sumSq / n, 4 * bound * bound * Math.sqrt(4.0 / 45 / n), parameters.get(i).getKey());
            }
        }
    }

    @Test
    void theSeedDeterminesTheInitialization() {
        assertArrayEquals(initialized(7), initialized(7));
        assertFalse(Arrays.equals(initialized(7), initialized(8)));
    }

    private static float[] initialized(long seed) {
        try (NDManager m = NDManager.newBaseManager()) {
            Block mlp = Mlp.of(List.of(4), 3);
            mlp.initialize(m, DataType.FLOAT32, new Shape(1, 5));
            TorchInit.apply(mlp, new Rng(seed));
            List<Float> all = new ArrayList<>();
            for (Pair<String, Parameter> p : mlp.getParameters()) {
                for (float v : p.getValue().getArray().toFloatArray()) {
                    all.add(v);
                }
            }
            float[] out = new float[all.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = all.get(i);
            }
            return out;
        }
    }
}
