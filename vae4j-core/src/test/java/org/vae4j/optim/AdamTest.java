package org.vae4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Adam} against torch.optim.Adam's update written out in doubles. */
class AdamTest {

    /**
     * PyTorch's fused kernel takes the hyper-parameters as doubles and computes in float32, so the result
     * is off from the doubles by float32 rounding only; the 1e-7 tolerance (a hundredth of a thousandth
     * of lr) catches any error in the formula.
     */
    private static final double LR = 0.01;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private static final float[] START = {1.0f, -0.5f, 0.25f, 2.0f, 0.0f};
    /** Three steps of gradients; the last column is tiny, where eps and its bias correction matter. */
    private static final float[][] GRADIENTS = {
        {0.5f, -1.0f, 0.0f, 3.0f, 1e-9f},
        {-0.2f, -0.8f, 0.1f, 2.5f, 2e-9f},
        {0.1f, 0.4f, -0.3f, -1.0f, -1e-9f}};

    @Test
    void threeUpdatesMatchTorchsFormula() {
        double[] expected = torchAdam(GRADIENTS.length);
        // the tiny-gradient entry tells torch's eps placement from others: step 1 moves it by lr / 11
        assertEquals(-LR / 11, torchAdam(1)[4], 1e-6 * LR);
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = parameter(m);
            try (Adam adam = new Adam(List.of(p), LR, m)) {
                for (float[] g : GRADIENTS) {
                    try (NDManager step = m.newSubManager()) {
                        adam.update(List.of(step.create(g)));
                    }
                }
                assertEquals(3, adam.stepCount());
                float[] got = p.getArray().toFloatArray();
                for (int i = 0; i < got.length; i++) {
                    assertEquals(expected[i], got[i], 1e-7, "parameter " + i);
                }
            }
        }
    }

    @Test
    void restoredStateContinuesExactlyAsTheOriginal() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter original = parameter(m);
            Parameter copy = parameter(m);
            try (Adam first = new Adam(List.of(original), LR, m)) {
                for (int t = 0; t < 2; t++) {
                    try (NDManager step = m.newSubManager()) {
                        first.update(List.of(step.create(GRADIENTS[t])));
                    }
                }
                copy.getArray().subi(copy.getArray()).addi(original.getArray());
                NDList state = first.state();
                assertArrayEquals(new long[] {2}, state.get(0).toLongArray());
                try (Adam second = new Adam(List.of(copy), LR, m)) {
                    second.restore(state);
                    assertEquals(2, second.stepCount());
                    try (NDManager step = m.newSubManager()) {
                        first.update(List.of(step.create(GRADIENTS[2])));
                        second.update(List.of(step.create(GRADIENTS[2])));
                    }
                }
            }
            double[] expected = torchAdam(3);
            float[] a = original.getArray().toFloatArray();
            float[] b = copy.getArray().toFloatArray();
            assertArrayEquals(a, b, "resumed and uninterrupted runs agree bit for bit");
            for (int i = 0; i < a.length; i++) {
                assertEquals(expected[i], a[i], 1e-6);
            }
        }
    }

    @Test
    void restoreRejectsAStateOfAnotherShape() {
        try (NDManager m = NDManager.newBaseManager(); Adam adam = new Adam(List.of(parameter(m)), LR, m)) {
            NDList wrong = new NDList(m.create(new long[] {1}), m.zeros(new Shape(4)),
                    m.zeros(new Shape(4)));
            assertThrows(IllegalArgumentException.class, () -> adam.restore(wrong));
            assertThrows(IllegalArgumentException.class, () -> adam.restore(new NDList(m.create(new long[] {1}))));
        }
    }

    /** torch.optim.Adam (no weight decay, no amsgrad) after {@code steps} updates, in doubles. */
    private static double[] torchAdam(int steps) {
        int n = START.length;
        double[] p = new double[n];
        double[] mean = new double[n];
        double[] var = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = START[i];
        }
        for (int t = 1; t <= steps; t++) {
            for (int i = 0; i < n; i++) {
                double g = GRADIENTS[t - 1][i];
                mean[i] = BETA1 * mean[i] + (1 - BETA1) * g;
                var[i] = BETA2 * var[i] + (1 - BETA2) * g * g;
                double mHat = mean[i] / (1 - Math.pow(BETA1, t));
                double vHat = var[i] / (1 - Math.pow(BETA2, t));
                p[i] -= LR * mHat / (Math.sqrt(vHat) + EPS);
            }
        }
        return p;
    }

    private static Parameter parameter(NDManager m) {
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).optArray(m.create(START)).build();
        assertArrayEquals(START, p.getArray().toFloatArray());
        return p;
    }
}
