package org.vae4j.objective;

/** Which bound training maximizes. */
public enum ObjectiveKind {
    /** The ELBO, E_q[log p(x|z)] - KL(q || p). */
    ELBO("elbo"),
    /** The importance-weighted bound L_k (Burda et al. 2016) with k samples per example. */
    IWAE("iwae");

    private final String id;

    ObjectiveKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ObjectiveKind parse(String text) {
        for (ObjectiveKind kind : values()) {
            if (kind.id.equals(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown objective '" + text + "' (expected elbo or iwae)");
    }
}
