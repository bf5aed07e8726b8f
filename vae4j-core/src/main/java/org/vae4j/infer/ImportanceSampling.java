package org.vae4j.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.vae4j.dist.Rng;
import org.vae4j.model.VariationalModel;
import org.vae4j.objective.IwaeBound;

/**
 * The importance-sampled estimate of the marginal likelihood with the encoder as proposal:
 * log p(x) ~ log (1/M) sum_j p(x|z_j) p(z_j) / q(z_j|x), z_j ~ q(z|x) - the IWAE bound L_M(x)
 * (Burda et al. 2016), computed by {@link IwaeBound} chunk by chunk and combined across chunks, so
 * memory stays that of one chunk for any M. Its mean is below log p(x) and rises to it with M;
 * with the exact posterior as q every weight equals p(x) and the estimate is exact for any M.
 */
public final class ImportanceSampling extends MarginalLikelihoodEstimator {

    /**
     * @param samples M, the number of importance samples per example
     * @param chunk how many samples to decode at once (memory is chunk x B x D floats)
     */
    private final VariationalModel model;

    public ImportanceSampling(VariationalModel model, int samples, int chunk) {
        super(samples, chunk);
        this.model = model;
    }

    /** L_M(x | y) per example [B]: each chunk's L_kc from {@link IwaeBound}, combined with logsumexp. */
    @Override
    public NDArray logMarginal(ParameterStore ps, NDArray x, NDArray condition, Rng rng) {
        return SampleChunks.logMeanWeight(x, condition, samples(), chunk(),
                (xc, cc, kc) -> new IwaeBound(model, kc, kc).logMarginal(ps, xc, cc, rng, false));
    }

    @Override
    public Kind kind() {
        return Kind.IMPORTANCE;
    }
}
