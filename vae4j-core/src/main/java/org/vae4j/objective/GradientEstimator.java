package org.vae4j.objective;

/** How the gradient of E_q(z|x)[f(z)] with respect to the encoder's parameters is estimated. */
public enum GradientEstimator {
    /** Pathwise: z = mu + sigma * eps, differentiate through the sample (Kingma and Welling 2014). */
    REPARAMETERIZATION("reparam"),
    /** REINFORCE: E_q[(f(z) - b) grad log q(z|x)] (Williams 1992), with a baseline b. */
    SCORE_FUNCTION("score");

    private final String id;

    GradientEstimator(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static GradientEstimator parse(String text) {
        for (GradientEstimator estimator : values()) {
            if (estimator.id.equals(text)) {
                return estimator;
            }
        }
        throw new IllegalArgumentException("unknown estimator '" + text + "' (expected reparam or score)");
    }
}
