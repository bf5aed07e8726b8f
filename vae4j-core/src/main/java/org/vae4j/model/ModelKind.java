package org.vae4j.model;

import java.util.Locale;

/** What kind of model a configuration builds. */
public enum ModelKind {
    /** Variational auto-encoder: stochastic encoder q(z|x), prior p(z), decoder p(x|z). */
    VAE,
    /** Deterministic auto-encoder with a bottleneck: code = f(x), loss = -log p(x|code). */
    AE,
    /**
     * Class-conditional VAE (Sohn et al. 2015): q(z|x,y) and p(x|z,y) with the label y one-hot in both,
     * prior p(z) = N(0, I) independent of y.
     */
    CVAE,
    /**
     * Hierarchical VAE with two or more stochastic layers, p(x|z_1) p(z_1|z_2) ... p(z_L), inferred bottom-up
     * or top-down ({@link Hierarchy}).
     */
    HVAE;

    /** True for the models with a stochastic encoder, a prior and an ELBO. */
    public boolean isVariational() {
        return this != AE;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelKind parse(String text) {
        for (ModelKind kind : values()) {
            if (kind.id().equals(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown model '" + text + "' (expected vae, ae, cvae or hvae)");
    }
}
