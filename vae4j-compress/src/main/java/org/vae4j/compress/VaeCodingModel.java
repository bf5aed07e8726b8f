package org.vae4j.compress;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.vae4j.dist.DiagonalGaussian;
import org.vae4j.dist.DiscreteDistribution;
import org.vae4j.dist.Distribution;
import org.vae4j.model.LatentModel;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.Vae;

/**
 * A trained VAE as a {@link CodingModel}: every network call runs on a batch of exactly one image (or one
 * z), in its own sub-manager, so compress and decompress see the same floats whatever else is coded.
 * Needs an unconditional VAE with the standard-normal prior (the buckets have equal mass under N(0, 1))
 * and a decoder that is a {@link DiscreteDistribution}. Safe to call from several threads.
 */
public final class VaeCodingModel implements CodingModel {

    private final Vae vae;
    private final int dim;
    private final int latentDim;
    private final int levels;

    private VaeCodingModel(Vae vae, int levels) {
        this.vae = vae;
        this.dim = vae.config().inputDim();
        this.latentDim = vae.config().latentDim();
        this.levels = levels;
    }

    /**
     * @throws IllegalArgumentException naming what the model lacks: a VAE, the standard prior, no classes,
     *     a decoder with a probability for every pixel level
     */
    public static VaeCodingModel of(LatentModel model) {
        ModelConfig config = model.config();
        if (!(model instanceof Vae vae)) {
            throw new IllegalArgumentException("compression needs a VAE; this model is an auto-encoder, which has no likelihood");
        }
        if (config.classes() > 0) {
            throw new IllegalArgumentException("compression needs an unconditional VAE; this one is class-conditional");
        }
        if (config.prior().isLearned()) {
            throw new IllegalArgumentException("compression needs the standard-normal prior (latent buckets have equal "
                    + "mass under N(0, 1)); this model has a learned prior");
        }
        int levels;
        try (NDManager probe = model.manager().newSubManager()) {
            Distribution decoder = vae.decode(LatentModel.inference(probe), probe.zeros(new Shape(1, config.latentDim())), false);
            if (!(decoder instanceof DiscreteDistribution discrete)) {
                throw new IllegalArgumentException("compression needs a decoder that gives every pixel level a probability "
                        + "(bernoulli, or an 8-bit likelihood); this model's is " + config.likelihood().id());
            }
            levels = discrete.levels();
        }
        return new VaeCodingModel(vae, levels);
    }

    @Override
    public int latentDim() {
        return latentDim;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public int levels() {
        return levels;
    }

    @Override
    public GaussianPosterior posterior(int[] pixelLevels) {
        float[] x = new float[dim];
        float scale = levels - 1;
        for (int d = 0; d < dim; d++) {
            x[d] = pixelLevels[d] / scale; // x_d = v_d / (V - 1)
        }
        try (NDManager m = vae.manager().newSubManager()) {
            ParameterStore ps = LatentModel.inference(m);
            DiagonalGaussian q = vae.posterior(ps, m.create(x, new Shape(1, dim)), false);
            return GaussianPosterior.ofLogVar(q.mean().toFloatArray(), q.logVar().toFloatArray());
        }
    }

    @Override
    public float[] logPmf(double[] z) {
        float[] zf = new float[latentDim];
        for (int j = 0; j < latentDim; j++) {
            zf[j] = (float) z[j];
        }
        try (NDManager m = vae.manager().newSubManager()) {
            ParameterStore ps = LatentModel.inference(m);
            DiscreteDistribution p = (DiscreteDistribution) vae.decode(ps, m.create(zf, new Shape(1, latentDim)), false);
            NDArray logPmf = p.logPmf();
            return logPmf.toFloatArray();
        }
    }
}
