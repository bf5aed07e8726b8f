package org.vae4j.infer;

/**
 * The terms of the ELBO of every example, one draw of z each, in nats.
 *
 * @param recon -log p(x_i|z_i) per example
 * @param kl KL(q(z|x_i) || p(z)) per example (zeros for an auto-encoder)
 * @param layerKl the KL of each stochastic layer per example, [layer][example] (empty for one layer)
 */
public record ElboTerms(float[] recon, float[] kl, float[][] layerKl) {

    /** -ELBO_i = recon_i + kl_i. */
    public float[] negElbo() {
        float[] out = new float[recon.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = recon[i] + kl[i];
        }
        return out;
    }

    /** The dataset means of both terms. */
    public Evaluation means() {
        double reconSum = 0;
        double klSum = 0;
        for (int i = 0; i < recon.length; i++) {
            reconSum += recon[i];
            klSum += kl[i];
        }
        double[] layers = new double[layerKl.length];
        for (int l = 0; l < layers.length; l++) {
            double sum = 0;
            for (float v : layerKl[l]) {
                sum += v;
            }
            layers[l] = sum / recon.length;
        }
        return new Evaluation(recon.length, reconSum / recon.length, klSum / recon.length, layers);
    }
}
