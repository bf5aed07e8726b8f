package org.vae4j.model;

import java.util.Locale;

/** What kind of model a configuration builds. */
public enum ModelKind {
    /** Variational auto-encoder: stochastic encoder q(z|x), prior p(z), decoder p(x|z). */
    VAE,
    /** Deterministic auto-encoder with a bottleneck: code = f(x), loss = -log p(x|code). */
    AE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelKind parse(String text) {
        for (ModelKind kind : values()) {
            if (kind.id().equals(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown model '" + text + "' (expected vae or ae)");
    }
}
