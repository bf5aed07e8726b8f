package org.vae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.vae4j.nn.ParameterVector;
import org.vae4j.dist.DiagonalGaussian;
import org.vae4j.dist.Distribution;
import org.vae4j.dist.Prior;
import org.vae4j.dist.StandardNormal;
import org.vae4j.dist.Rng;
import ai.djl.ndarray.types.Shape;

/**
 * A variational auto-encoder: p(x, z) = p(z) p(x|z) with an amortized posterior q(z|x); with classes,
 * the class-conditional VAE p(x, z | y) = p(z) p(x|z, y) with q(z|x, y).
 */
public final class Vae extends LatentModel implements VariationalModel {

    private final Prior standardNormal;
    private final LearnedPrior learnedPrior;

    /** @param learnedPrior the parameters of a learned prior, or null for p(z) = N(0, I) */
    Vae(ModelConfig config, NDManager manager, Encoder encoder, Decoder decoder, ParameterVector vector,
            LearnedPrior learnedPrior) {
        super(config, manager, encoder, decoder, vector);
        this.standardNormal = new StandardNormal(config.latentDim());
        this.learnedPrior = learnedPrior;
    }

    /**
     * p(z) with the current values of its parameters in {@code ps} (the standard normal has none); a
     * learned prior (mixture of Gaussians or VampPrior) is trained with the rest of the model. Arrays
     * it computes belong to the store's manager.
     */
    public Prior prior(ParameterStore ps, boolean training) {
        return learnedPrior == null ? standardNormal : learnedPrior.prior(ps, encoder(), training);
    }

    /** q(z|x, y); {@code condition} is null for an unconditional model. */
    public DiagonalGaussian posterior(ParameterStore ps, NDArray x, NDArray condition, boolean training) {
        return encoder().posterior(ps, conditioned(x, condition), training);
    }

    /** q(z|x) of an unconditional model. */
    public DiagonalGaussian posterior(ParameterStore ps, NDArray x, boolean training) {
        return posterior(ps, x, null, training);
    }

    /**
     * z = mu + sigma eps with eps ~ N(0, I) from {@code rng}, [k, B, L]; for k = 1 the draw is computed
     * without the sample axis (the same arithmetic as a batch of codes) and the terms given one.
     */
    @Override
    public LatentDraws draw(ParameterStore ps, NDArray x, NDArray condition, int k, Rng rng, boolean training) {
        DiagonalGaussian q = posterior(ps, x, condition, training);
        Shape codes = q.mean().getShape();
        NDArray eps = rng.normal(x.getManager(), k == 1 ? codes : new Shape(k).addAll(codes));
        NDArray z = q.rsample(eps);
        Prior prior = prior(ps, training);
        NDArray logQzGivenX = q.logProb(z);
        NDArray logPz = prior.logProb(z);
        NDArray logPxGivenZ = decode(ps, z, condition, training).logProb(x);           // x broadcast over samples
        NDArray kl = prior.kl(q, z);
        if (k == 1) {
            return new LatentDraws(logPxGivenZ.expandDims(0), logPz.expandDims(0), logQzGivenX.expandDims(0),
                    java.util.List.of(kl.expandDims(0)));
        }
        return new LatentDraws(logPxGivenZ, logPz, logQzGivenX, java.util.List.of(kl));
    }

    @Override
    public DiagonalGaussian codePosterior(ParameterStore ps, NDArray x, NDArray condition) {
        return posterior(ps, x, condition, false);
    }

    @Override
    public java.util.List<NDArray> layerMeans(ParameterStore ps, NDArray x, NDArray condition) {
        return java.util.List.of(code(ps, x, condition));
    }

    /** z ~ p(z) (a learned prior's mixture too), then p(x | z, y). */
    @Override
    public Distribution generate(ParameterStore ps, int n, NDArray condition, Rng rng) {
        NDArray z = prior(ps, false).sample(ps.getManager(), n, rng);
        return decode(ps, z, condition, false);
    }

    /** The posterior mean E_q[z] = mu(x, y). */
    @Override
    public NDArray code(ParameterStore ps, NDArray x, NDArray condition) {
        return posterior(ps, x, condition, false).mean();
    }
}
