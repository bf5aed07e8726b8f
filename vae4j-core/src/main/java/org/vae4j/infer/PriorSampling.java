package org.vae4j.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.vae4j.dist.Ops;
import org.vae4j.dist.Prior;
import org.vae4j.dist.Rng;
import org.vae4j.model.Vae;

/**
 * The naive Monte Carlo estimate of the marginal likelihood, sampling the prior:
 * log p(x) ~ log (1/M) sum_j p(x|z_j), z_j ~ p(z). Unbiased for p(x) but, as few z from the prior
 * explain a given x, its log is far below log p(x) until M is astronomically large in a real latent
 * space; the encoder's proposal ({@link ImportanceSampling}) needs far fewer samples.
 */
public final class PriorSampling extends MarginalLikelihoodEstimator {

    /**
     * @param samples M, the number of prior samples per example
     * @param chunk how many samples to decode at once (memory is chunk x B x D floats)
     */
    private final Vae vae;

    public PriorSampling(Vae vae, int samples, int chunk) {
        super(samples, chunk);
        this.vae = vae;
    }

    /** log (1/M) sum_j p(x|z_j, y), z_j ~ p(z), per example [B], computed with logsumexp. */
    @Override
    public NDArray logMarginal(ParameterStore ps, NDArray x, NDArray condition, Rng rng) {
        Prior prior = vae.prior(ps, false);
        int b = Math.toIntExact(x.getShape().get(0));
        int l = prior.latentDim();
        return SampleChunks.logMeanWeight(x, condition, samples(), chunk(), (xc, cc, kc) -> {
            NDArray z = prior.sample(xc.getManager(), kc * b, rng).reshape(kc, b, l);    // z_j ~ p(z), [kc, B, L]
            NDArray logPxGivenZ = vae.decode(ps, z, cc, false).logProb(xc);              // [kc, B], x broadcast
            return Ops.logMeanExp(logPxGivenZ, 0);                                       // log (1/kc) sum_j p(x|z_j)
        });
    }

    @Override
    public Kind kind() {
        return Kind.PRIOR;
    }
}
