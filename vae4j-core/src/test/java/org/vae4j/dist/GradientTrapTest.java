package org.vae4j.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.nn.LeafParameterStore;
import org.vae4j.objective.Objective;

/**
 * The trap of shared/DJL.md: a constant made from a Java number lives in a Java buffer that autograd
 * may read after the GC freed it. The distributions make every constant with {@link Ops#scalar}, so a
 * GC and fresh garbage between forward and backward must not change the gradient.
 */
class GradientTrapTest {

    private static final int REPEATS = 50;

    @Test
    void gradientsSurviveGarbageCollectionBetweenForwardAndBackward() {
        float[] mu = {0.3f, -1.2f, 0.8f, 0.0f, 2.0f, -0.5f};
        float[] logVar = {0.5f, -0.7f, 0.0f, 1.2f, -1.5f, 0.2f};
        float[] x = {1.0f, -0.4f, 0.1f, 0.9f, 1.5f, -2.0f};
        // loss = sum_b [log N(x_b; mu_b, sigma_b^2) + KL(N(mu_b, sigma_b^2) || N(0, I))]
        // d/dmu = (x - mu) / sigma^2 + mu;  d/dlogVar = -1/2 (1 - (x - mu)^2 / sigma^2) - 1/2 (1 - sigma^2)
        float[] expectedMu = new float[6];
        float[] expectedLogVar = new float[6];
        for (int i = 0; i < 6; i++) {
            double var = Math.exp(logVar[i]);
            double diff = x[i] - mu[i];
            expectedMu[i] = (float) (diff / var + mu[i]);
            expectedLogVar[i] = (float) (-0.5 * (1 - diff * diff / var) - 0.5 * (1 - var));
        }
        int wrong = 0;
        String firstWrong = null;
        for (int repeat = 0; repeat < REPEATS; repeat++) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray muLeaf = m.create(mu, new Shape(2, 3));
                NDArray logVarLeaf = m.create(logVar, new Shape(2, 3));
                muLeaf.setRequiresGradient(true);
                logVarLeaf.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    DiagonalGaussian q = new DiagonalGaussian(muLeaf, logVarLeaf);
                    NDArray loss = q.logProb(m.create(x, new Shape(2, 3))).add(q.klToStandardNormal()).sum();
                    makeGarbage(m);
                    collector.backward(loss);
                }
                float[] gotMu = muLeaf.getGradient().toFloatArray();
                float[] gotLogVar = logVarLeaf.getGradient().toFloatArray();
                for (int i = 0; i < 6; i++) {
                    if (Math.abs(gotMu[i] - expectedMu[i]) > 1e-5 || Math.abs(gotLogVar[i] - expectedLogVar[i]) > 1e-5) {
                        wrong++;
                        if (firstWrong == null) {
                            firstWrong = "repeat " + repeat + ", element " + i + ": d/dmu " + gotMu[i] + " (expected "
                                    + expectedMu[i] + "), d/dlogVar " + gotLogVar[i] + " (expected "
                                    + expectedLogVar[i] + ")";
                        }
                        break;
                    }
                }
            }
        }
        assertEquals(0, wrong, "wrong gradients in " + wrong + " of " + REPEATS + " repeats; first: " + firstWrong);
    }

    /**
     * The whole training objective of a tiny VAE, each likelihood: the gradient after GCs between
     * forward and backward equals the gradient without them (whose correctness FiniteDifferenceTest
     * checks).
     */
    @Test
    void elboGradientsSurviveGarbageCollectionForEveryLikelihood() {
        float[] x = {0.0f, 0.2f, 0.9f, 1.0f, 0.5f, 0.7f, 0.1f, 0.3f};
        for (Likelihood likelihood : Likelihood.values()) {
            ModelConfig config = ModelConfig.builder().shape(1, 4).latentDim(2).hidden(List.of(3))
                    .likelihood(likelihood).sigma(0.5).build();
            try (NDManager m = NDManager.newBaseManager(); LatentModel model = LatentModel.create(config, m, 3)) {
                float[] reference = elboGradient(model, x, false);
                for (int repeat = 0; repeat < 10; repeat++) {
                    float[] got = elboGradient(model, x, true);
                    for (int i = 0; i < got.length; i++) {
                        assertEquals(reference[i], got[i], 1e-6f, likelihood + ", repeat " + repeat + ", gradient " + i);
                    }
                }
            }
        }
    }

    /** d mean(-ELBO) / d theta, all parameters concatenated, computed as the Trainer does. */
    private static float[] elboGradient(LatentModel model, float[] x, boolean garbage) {
        try (NDManager step = model.manager().newSubManager()) {
            LeafParameterStore ps = new LeafParameterStore(step, model.parameters());
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = Objective.of(model).terms(ps, step.create(x, new Shape(2, 4)), new Rng(1), true)
                        .negElbo().mean();
                if (garbage) {
                    makeGarbage(step);
                }
                collector.backward(loss);
            }
            List<Float> all = new ArrayList<>();
            for (Parameter p : model.parameters()) {
                for (float g : ps.gradient(p).toFloatArray()) {
                    all.add(g);
                }
            }
            float[] out = new float[all.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = all.get(i);
            }
            return out;
        }
    }

    /** Several GCs, with direct buffers and arrays made from Java numbers that may reuse freed memory. */
    private static void makeGarbage(NDManager m) {
        for (int round = 0; round < 3; round++) {
            System.gc();
            List<ByteBuffer> buffers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(64);
                while (b.hasRemaining()) {
                    b.put((byte) 0x7f);
                }
                buffers.add(b);
            }
            try (NDManager scratch = m.newSubManager()) {
                for (int i = 0; i < 64; i++) {
                    scratch.create(12345.0f + i);
                }
            }
            buffers.clear();
        }
        System.gc();
    }
}
