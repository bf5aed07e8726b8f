package org.vae4j.objective;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import java.util.List;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.Vae;

/**
 * A VAE with no hidden layers, whose ELBO and its gradient have a closed form: the encoder is linear,
 * [mu, logVar] = W x + c, and the decoder p(x|z) = N(A z + a, sigma^2 I). Then
 * E_q[log p(x|z)] = -D/2 log(2 pi sigma^2) - (|x - A mu - a|^2 + sum_l |A_l|^2 s_l^2) / (2 sigma^2),
 * s_l^2 = exp(logVar_l), and KL(q || N(0, I)) = -1/2 sum_l (1 + logVar_l - mu_l^2 - s_l^2).
 */
public final class LinearGaussianVae {

    public static final int D = 4;
    public static final int L = 2;
    public static final double SIGMA = 0.5;
    public static final float[] X = {
        0.0f, 0.2f, 0.9f, 1.0f,
        0.5f, 0.7f, 0.1f, 0.3f,
        1.0f, 0.0f, 0.6f, 0.4f};
    public static final int B = X.length / D;

    private LinearGaussianVae() {
    }

    public static Vae create(NDManager manager, long seed) {
        ModelConfig config = ModelConfig.builder().shape(1, D).latentDim(L).hidden(List.of())
                .likelihood(Likelihood.GAUSSIAN).sigma(SIGMA).build();
        return (Vae) LatentModel.create(config, manager, seed);
    }

    /**
     * d/d(W, c) of the mean ELBO (1/B) sum_i ELBO(x_i), flattened as the encoder's parameters are
     * (W [2L, D] row-major, then c [2L]):
     * dELBO/dmu = A^T (x - A mu - a) / sigma^2 - mu,
     * dELBO/dlogVar_l = -|A_l|^2 s_l^2 / (2 sigma^2) + (1 - s_l^2) / 2, and dW = dh x^T, dc = dh.
     */
    public static double[] encoderGradient(Vae vae) {
        float[] w = parameter(vae.encoder().network().getParameters(), "weight");
        float[] c = parameter(vae.encoder().network().getParameters(), "bias");
        float[] a = parameter(vae.decoder().network().getParameters(), "weight");   // [D, L]
        float[] aBias = parameter(vae.decoder().network().getParameters(), "bias");
        double var = SIGMA * SIGMA;
        double[] grad = new double[2 * L * D + 2 * L];
        for (int i = 0; i < B; i++) {
            double[] h = new double[2 * L];
            for (int o = 0; o < 2 * L; o++) {
                h[o] = c[o];
                for (int j = 0; j < D; j++) {
                    h[o] += w[o * D + j] * X[i * D + j];
                }
            }
            double[] residual = new double[D];
            for (int j = 0; j < D; j++) {
                residual[j] = X[i * D + j] - aBias[j];
                for (int l = 0; l < L; l++) {
                    residual[j] -= a[j * L + l] * h[l];
                }
            }
            double[] dh = new double[2 * L];
            for (int l = 0; l < L; l++) {
                double columnSq = 0;
                double dMu = 0;
                for (int j = 0; j < D; j++) {
                    dMu += a[j * L + l] * residual[j];
                    columnSq += a[j * L + l] * a[j * L + l];
                }
                double s2 = Math.exp(h[L + l]);
                dh[l] = dMu / var - h[l];
                dh[L + l] = -columnSq * s2 / (2 * var) + (1 - s2) / 2;
            }
            for (int o = 0; o < 2 * L; o++) {
                for (int j = 0; j < D; j++) {
                    grad[o * D + j] += dh[o] * X[i * D + j] / B;
                }
                grad[2 * L * D + o] += dh[o] / B;
            }
        }
        return grad;
    }

    private static float[] parameter(ParameterList parameters, String suffix) {
        for (Pair<String, Parameter> p : parameters) {
            if (p.getKey().endsWith(suffix)) {
                return p.getValue().getArray().toFloatArray();
            }
        }
        throw new IllegalStateException("no parameter named *" + suffix);
    }
}
