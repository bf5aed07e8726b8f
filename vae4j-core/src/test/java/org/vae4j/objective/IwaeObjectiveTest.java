package org.vae4j.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.dist.DiagonalGaussian;
import org.vae4j.dist.Rng;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.Vae;
import org.vae4j.train.TrainConfig;

/** The IWAE training objective: its value, its ordering in k, and how training is configured for it. */
class IwaeObjectiveTest {

    private static final ModelConfig CONFIG = ModelConfig.builder().shape(1, 6).latentDim(3).hidden(List.of(5))
            .likelihood(Likelihood.BERNOULLI).build();

    private static NDArray data(NDManager m, int n) {
        return new Rng(5).uniform(m, new Shape(n, 6)).gt(m.full(new Shape(), 0.5f)).toType(
                ai.djl.ndarray.types.DataType.FLOAT32, false);
    }

    /** k = 1 is the single-sample ELBO log p(x|z) + log p(z) - log q(z|x) at the same eps. */
    @Test
    void oneSampleIsTheMonteCarloElbo() {
        try (NDManager m = NDManager.newBaseManager(); Vae vae = (Vae) LatentModel.create(CONFIG, m, 3)) {
            NDArray x = data(m, 8);
            ParameterStore ps = LatentModel.inference(m);
            float[] loss = new IwaeObjective(vae, 1).terms(ps, x, new Rng(11), false).recon().toFloatArray();
            DiagonalGaussian q = vae.posterior(ps, x, false);
            NDArray z = q.rsample(new Rng(11).normal(m, new Shape(8, 3)));
            float[] expected = vae.decode(ps, z, false).logProb(x).add(vae.prior(ps, false).logProb(z))
                    .sub(q.logProb(z)).neg().toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], loss[i], 1e-4, "example " + i);
            }
        }
    }

    /**
     * E[L_1] <= E[L_5] <= E[L_100] <= log p(x) (Burda et al. 2016, theorem 1). On an untrained model and
     * 3000 examples the per-example gains are many standard errors above zero (measured: L_5 - L_1 =
     * 0.276 +- 0.018, L_100 - L_5 = 0.049 +- 0.006 nats).
     */
    @Test
    void theBoundTightensWithK() {
        try (NDManager m = NDManager.newBaseManager(); Vae vae = (Vae) LatentModel.create(CONFIG, m, 3)) {
            NDArray x = data(m, 3000);
            ParameterStore ps = LatentModel.inference(m);
            float[] l1 = bound(vae, ps, x, 1, 1);
            float[] l5 = bound(vae, ps, x, 5, 2);
            float[] l50 = bound(vae, ps, x, 100, 3);
            double[] gain5 = meanAndStdErr(l5, l1);
            double[] gain100 = meanAndStdErr(l50, l5);
            assertTrue(gain5[0] > 5 * gain5[1], "L_5 - L_1 = " + gain5[0] + " +- " + gain5[1]);
            assertTrue(gain100[0] > 5 * gain100[1], "L_100 - L_5 = " + gain100[0] + " +- " + gain100[1]);
            assertNull(new IwaeObjective(vae, 5).terms(ps, x, new Rng(2), false).kl(), "no separate KL term");
        }
    }

    private static float[] bound(Vae vae, ParameterStore ps, NDArray x, int k, long seed) {
        return new IwaeObjective(vae, k).terms(ps, x, new Rng(seed), false).recon().neg().toFloatArray();
    }

    /** Mean of a - b over examples, and its standard error. */
    private static double[] meanAndStdErr(float[] a, float[] b) {
        int n = a.length;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double d = a[i] - b[i];
            sum += d;
            sumSq += d * d;
        }
        double mean = sum / n;
        return new double[] {mean, Math.sqrt((sumSq / n - mean * mean) / (n - 1))};
    }

    @Test
    void trainingConfigurationChoosesTheBound() {
        TrainConfig elbo = TrainConfig.defaults();
        assertEquals(ObjectiveKind.ELBO, elbo.objective());
        assertEquals(1, elbo.k());
        TrainConfig iwae = elbo.withObjective(ObjectiveKind.IWAE, 5);
        assertEquals(5, iwae.k());
        try (NDManager m = NDManager.newBaseManager(); Vae vae = (Vae) LatentModel.create(CONFIG, m, 3)) {
            assertTrue(Objective.forTraining(vae, iwae.objective(), iwae.k(), iwae.estimator()) instanceof IwaeObjective);
            assertTrue(Objective.forTraining(vae, elbo.objective(), elbo.k(), elbo.estimator()) instanceof Elbo);
        }
        assertThrows(IllegalArgumentException.class, () -> elbo.withObjective(ObjectiveKind.ELBO, 5));
        assertThrows(IllegalArgumentException.class, () -> elbo.withObjective(ObjectiveKind.IWAE, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new TrainConfig(1, 2, 1e-3, 2.0, 0, false, 1).withObjective(ObjectiveKind.IWAE, 5));
    }
}
