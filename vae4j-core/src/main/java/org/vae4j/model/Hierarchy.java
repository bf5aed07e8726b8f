package org.vae4j.model;

import java.util.Locale;

/** How a hierarchical VAE's posterior over its stochastic layers z_1 (next to x) .. z_L is inferred. */
public enum Hierarchy {
    /** One stochastic layer: not a hierarchical model. */
    NONE,
    /**
     * Bottom-up (Burda et al. 2016): q(z_1|x) q(z_2|z_1) ... q(z_L|z_L-1), each from the layer below,
     * against p(z_L) p(z_L-1|z_L) ... p(x|z_1).
     */
    BOTTOM_UP,
    /**
     * Top-down, ladder inference (Sonderby et al. 2016; NVAE, Vahdat and Kautz 2020): a deterministic
     * bottom-up pass over x, then q(z_L|x) q(z_l | z_l+1, x) down the generative path, each a shift and
     * scale of the prior p(z_l | z_l+1) by the bottom-up features (NVAE's residual form), so every KL is
     * between two Gaussians and analytic.
     */
    TOP_DOWN;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Hierarchy parse(String text) {
        for (Hierarchy h : values()) {
            if (h != NONE && h.id().equals(text)) {
                return h;
            }
        }
        throw new IllegalArgumentException("unknown inference '" + text + "' (expected bottom-up or top-down)");
    }
}
