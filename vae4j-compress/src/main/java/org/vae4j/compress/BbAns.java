package org.vae4j.compress;

import org.vae4j.codec.Frequencies;
import org.vae4j.codec.GaussianBuckets;
import org.vae4j.codec.RansStack;

/**
 * Bits-back coding with ANS of one image at a time (Townsend, Bird and Barber, ICLR 2019, Table 1).
 * Encoding x: pop z ~ q(z|x) from the stack (latents discretised into buckets of equal prior mass), push x
 * with p(x|z), push z with p(z). Decoding undoes it in reverse: pop z with p(z), pop x with p(x|z), push z
 * with q(z|x) to give the borrowed bits back. The net cost of an image is
 * -log p(x|z) - log p(z) + log q(z|x) bits, whose mean over z ~ q is the negative ELBO of the discretised
 * model. Not thread-safe only through the stack passed in: one coder may serve several stacks.
 */
public final class BbAns {

    private final CodingModel model;
    private final GaussianBuckets buckets;
    private final int precision;
    private final Frequencies prior;

    public BbAns(CodingModel model, CoderSettings settings) {
        this.model = model;
        this.buckets = new GaussianBuckets(settings.bucketBits());
        this.precision = settings.precision();
        this.prior = buckets.prior(precision);
    }

    public CodingModel model() {
        return model;
    }

    /** Pushes one image, given as its D pixel levels, onto the stack (popping its latent first). */
    public void encode(RansStack stack, int[] levels) {
        int latentDim = model.latentDim();
        GaussianPosterior q = model.posterior(levels);
        int[] z = new int[latentDim];
        for (int j = 0; j < latentDim; j++) {
            z[j] = stack.pop(posterior(q, j)); // bits back: z_j ~ q(z_j|x) read off the stack
        }
        float[] logPmf = model.logPmf(centres(z));
        for (int d = 0; d < levels.length; d++) {
            stack.push(pixel(logPmf, d), levels[d]);
        }
        for (int j = 0; j < latentDim; j++) {
            stack.push(prior, z[j]);
        }
    }

    /** Pops one image's D pixel levels off the stack, the inverse of {@link #encode(RansStack, int[])}. */
    public int[] decode(RansStack stack) {
        int latentDim = model.latentDim();
        int[] z = new int[latentDim];
        for (int j = latentDim - 1; j >= 0; j--) {
            z[j] = stack.pop(prior);
        }
        float[] logPmf = model.logPmf(centres(z));
        int[] levels = new int[model.dim()];
        for (int d = levels.length - 1; d >= 0; d--) {
            levels[d] = stack.pop(pixel(logPmf, d));
        }
        GaussianPosterior q = model.posterior(levels);
        for (int j = latentDim - 1; j >= 0; j--) {
            stack.push(posterior(q, j), z[j]); // give the bits back
        }
        return levels;
    }

    /** q(z_j|x) over the buckets. */
    private Frequencies posterior(GaussianPosterior q, int j) {
        return buckets.posterior(q.mean()[j], q.std()[j], precision);
    }

    /** The value each decoded bucket stands for, the prior's median inside it. */
    private double[] centres(int[] z) {
        double[] centres = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            centres[j] = buckets.centre(z[j]);
        }
        return centres;
    }

    /** p(x_d = v | z) for v = 0..V-1, quantised: P(v) proportional to exp(logPmf - max), in double. */
    private Frequencies pixel(float[] logPmf, int d) {
        int v = model.levels();
        int offset = d * v;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < v; k++) {
            max = Math.max(max, logPmf[offset + k]);
        }
        if (!Double.isFinite(max)) {
            throw new IllegalArgumentException("the decoder gave pixel " + d + " no finite log-probability");
        }
        double[] weights = new double[v];
        for (int k = 0; k < v; k++) {
            weights[k] = StrictMath.exp(logPmf[offset + k] - max); // p_k / p_max = exp(log p_k - log p_max)
        }
        return Frequencies.quantize(weights, precision);
    }
}
