package org.vae4j.compress;

import java.util.SplittableRandom;

/**
 * A small latent-variable model in plain Java for testing the coder fast: q(z|x) = N(A x - 1, s(x)^2)
 * with s in (0.15, 0.65), and p(x_d = v | z) proportional to exp(-(v / (V - 1) - m_d(z))^2 / (2 0.2^2))
 * with m_d(z) = sigmoid(u_d . z). Deterministic, and computed in float like a network.
 */
final class ToyModel implements CodingModel {

    private final int latentDim;
    private final int dim;
    private final int levels;
    private final float[][] encoder;
    private final float[][] decoder;

    ToyModel(int latentDim, int dim, int levels, long seed) {
        this.latentDim = latentDim;
        this.dim = dim;
        this.levels = levels;
        SplittableRandom random = new SplittableRandom(seed);
        encoder = new float[latentDim][dim];
        decoder = new float[dim][latentDim];
        for (int j = 0; j < latentDim; j++) {
            for (int d = 0; d < dim; d++) {
                encoder[j][d] = (float) (random.nextGaussian() * 2 / Math.sqrt(dim));
                decoder[d][j] = (float) (random.nextGaussian() * 2);
            }
        }
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
    public GaussianPosterior posterior(int[] x) {
        float[] mean = new float[latentDim];
        float[] logVar = new float[latentDim];
        for (int j = 0; j < latentDim; j++) {
            float a = 0;
            for (int d = 0; d < dim; d++) {
                a += encoder[j][d] * x[d] / (levels - 1f);
            }
            mean[j] = a - 1f;
            float s = 0.15f + 0.5f / (1f + (float) Math.exp(-a));
            logVar[j] = 2f * (float) Math.log(s);
        }
        return GaussianPosterior.ofLogVar(mean, logVar);
    }

    @Override
    public float[] logPmf(double[] z) {
        float[] out = new float[dim * levels];
        for (int d = 0; d < dim; d++) {
            float a = 0;
            for (int j = 0; j < latentDim; j++) {
                a += decoder[d][j] * (float) z[j];
            }
            float m = 1f / (1f + (float) Math.exp(-a));
            for (int v = 0; v < levels; v++) {
                float t = v / (levels - 1f) - m;
                out[d * levels + v] = -t * t / (2 * 0.04f);
            }
        }
        return out;
    }
}
