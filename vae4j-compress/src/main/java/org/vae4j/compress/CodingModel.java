package org.vae4j.compress;

/**
 * The latent-variable model that bits-back coding needs, one image at a time: a diagonal-Gaussian
 * posterior q(z|x), a standard-normal prior p(z) and a decoder that gives every pixel level a probability.
 * An encoder and a decoder must compute bit-identical values for the same input, so an implementation must
 * be a deterministic function of its argument (no batching effects, no randomness).
 */
public interface CodingModel {

    /** L, the size of z. */
    int latentDim();

    /** D, the number of pixels of an image. */
    int dim();

    /** V, the number of levels each pixel takes. */
    int levels();

    /** q(z|x) for one image given as pixel levels 0..V-1 (x_d = v_d / (V - 1)). */
    GaussianPosterior posterior(int[] levels);

    /**
     * log p(x_d = v | z) for one latent vector z, as D * V floats, pixel-major: entry d * V + v. Each
     * pixel's probabilities need not sum exactly to 1 (they are normalised when quantised).
     */
    float[] logPmf(double[] z);
}
