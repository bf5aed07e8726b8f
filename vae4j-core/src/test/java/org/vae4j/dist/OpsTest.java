package org.vae4j.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class OpsTest {

    @Test
    void logSumExpOfLargeInputsIsFiniteAndRight() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] high = Ops.logSumExp(m.create(new float[] {1000f, 999f, 998f}), 0).toFloatArray();
            float[] low = Ops.logSumExp(m.create(new float[] {-1000f, -1000f}), 0).toFloatArray();
            float[] mixed = Ops.logSumExp(m.create(new float[] {-1000f, 1000f}), 0).toFloatArray();
            // float32 spacing near 1000 is 6.1e-5
            assertEquals(1000 + Math.log(1 + Math.exp(-1) + Math.exp(-2)), high[0], 2e-4);
            assertEquals(-1000 + Math.log(2), low[0], 2e-4);
            assertEquals(1000, mixed[0], 2e-4);
            assertTrue(Float.isFinite(high[0]) && Float.isFinite(low[0]));
        }
    }

    @Test
    void logSumExpAlongAnAxisOfAMatrix() {
        try (NDManager m = NDManager.newBaseManager()) {
            // shape [3, 2]: reduce over the 3 rows
            float[] x = {0f, -500f, 1f, -501f, 2f, -499f};
            float[] got = Ops.logSumExp(m.create(x, new Shape(3, 2)), 0).toFloatArray();
            double col0 = Math.log(1 + Math.E + Math.exp(2));
            double col1 = -499 + Math.log(Math.exp(-1) + Math.exp(-2) + 1);
            assertArrayEquals(new float[] {(float) col0, (float) col1}, got, 1e-4f);
            float[] byRow = Ops.logSumExp(m.create(x, new Shape(3, 2)), 1).toFloatArray();
            assertEquals(0 + Math.log1p(Math.exp(-500)), byRow[0], 1e-5);
            assertEquals(2, byRow[2], 1e-5);
        }
    }

    @Test
    void logMeanExpSubtractsLogK() {
        try (NDManager m = NDManager.newBaseManager()) {
            // the mean of e^0, e^(ln 3), e^(ln 5), e^(ln 7) is 4
            float[] x = {0f, (float) Math.log(3), (float) Math.log(5), (float) Math.log(7)};
            float[] got = Ops.logMeanExp(m.create(x, new Shape(4, 1)), 0).toFloatArray();
            assertArrayEquals(new float[] {(float) Math.log(4)}, got, 1e-6f);
            // equal log-weights: the mean is the common value, whatever k
            float[] equal = Ops.logMeanExp(m.full(new Shape(100, 2), -1234.5f), 0).toFloatArray();
            assertArrayEquals(new float[] {-1234.5f, -1234.5f}, equal, 1e-4f);
        }
    }

    @Test
    void logSumExpGradientIsTheSoftmaxEvenForLargeInputs() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1000f, 999f, 997f});
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(Ops.logSumExp(x, 0));
            }
            double z = 1 + Math.exp(-1) + Math.exp(-3);
            float[] softmax = {(float) (1 / z), (float) (Math.exp(-1) / z), (float) (Math.exp(-3) / z)};
            assertArrayEquals(softmax, x.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void sumLastAndScalars() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] sums = Ops.sumLast(m.create(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, new Shape(2, 3))).toFloatArray();
            assertArrayEquals(new float[] {6f, 15f}, sums);
            NDArray c = Ops.scalar(m, 0.25);
            assertEquals(new Shape(), c.getShape());
            assertArrayEquals(new float[] {0.25f}, c.toFloatArray());
        }
    }
}
