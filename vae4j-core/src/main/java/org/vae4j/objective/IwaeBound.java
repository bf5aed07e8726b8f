package org.vae4j.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import org.vae4j.dist.Ops;
import org.vae4j.dist.Rng;
import org.vae4j.model.VariationalModel;

/**
 * The importance-weighted bound L_k(x) = log (1/k) sum_j p(x, z_j) / q(z_j|x), z_j ~ q(z|x)
 * (Burda et al. 2016, eq. 8): an estimate of log p(x) from below that tightens as k grows; k = 1 is
 * the ELBO. Computed in log space; the k samples are drawn in chunks so large k fits in memory.
 */
public final class IwaeBound {

    private final VariationalModel model;
    private final int k;
    private final int chunk;

    /**
     * @param k the number of importance samples
     * @param chunk how many samples to decode at once (memory is chunk x B x D floats)
     */
    public IwaeBound(VariationalModel model, int k, int chunk) {
        if (k < 1 || chunk < 1) {
            throw new IllegalArgumentException("k and chunk must be positive, got k=" + k + ", chunk=" + chunk);
        }
        this.model = model;
        this.k = k;
        this.chunk = chunk;
    }

    public int k() {
        return k;
    }

    /** L_k(x) per example, shape [B], in nats, for an unconditional model. */
    public NDArray logMarginal(ParameterStore ps, NDArray x, Rng rng) {
        return logMarginal(ps, x, null, rng);
    }

    /** L_k(x | y) per example, shape [B], in nats; {@code condition} is one-hot [B, C] or null. */
    public NDArray logMarginal(ParameterStore ps, NDArray x, NDArray condition, Rng rng) {
        return logMarginal(ps, x, condition, rng, false);
    }

    /**
     * L_k(x | y) per example, shape [B]; with {@code training} the result carries gradients to the
     * encoder and decoder through the reparameterized samples (the IWAE training objective).
     */
    public NDArray logMarginal(ParameterStore ps, NDArray x, NDArray condition, Rng rng, boolean training) {
        NDList logWChunks = new NDList();
        for (int start = 0; start < k; start += chunk) {
            int kc = Math.min(chunk, k - start);
            // log w = log p(x, z) - log q(z|x), [kc, B]
            logWChunks.add(model.draw(ps, x, condition, kc, rng, training).logWeight());
        }
        NDArray logW = logWChunks.size() == 1 ? logWChunks.get(0) : NDArrays.concat(logWChunks, 0);
        return Ops.logMeanExp(logW, 0);
    }
}
