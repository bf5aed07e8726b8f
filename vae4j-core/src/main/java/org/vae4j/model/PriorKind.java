package org.vae4j.model;

import java.util.Locale;

/** The family of the prior p(z) of a VAE; the one place that names them. */
public enum PriorKind {
    /** p(z) = N(0, I), fixed (Kingma and Welling 2014). */
    STANDARD,
    /**
     * A learned mixture of Gaussians p(z) = sum_k pi_k N(z; mu_k, diag(sigma_k^2)) with trainable
     * weights, means and log-variances.
     */
    MOG,
    /**
     * The VampPrior p(z) = (1/K) sum_k q(z | u_k) (Tomczak and Welling 2018): the encoder's posterior at
     * K trainable pseudo-inputs u_k.
     */
    VAMP;

    /** True for the priors with trainable parameters and K components. */
    public boolean isLearned() {
        return this != STANDARD;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PriorKind parse(String text) {
        for (PriorKind kind : values()) {
            if (kind.id().equals(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown prior '" + text + "' (expected standard, mog or vamp)");
    }
}
