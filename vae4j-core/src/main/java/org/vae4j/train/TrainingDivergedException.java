package org.vae4j.train;

/** The loss became NaN or infinite; the parameters were not updated with that step. */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
