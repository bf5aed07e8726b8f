package org.vae4j.error;

/**
 * A setting outside what it may be (a learning rate of 0, a latent of -1, a change a resumed run cannot
 * take). The message says it in the library's words; {@link #setting} names the setting as the record
 * component that holds it ({@code learningRate}, {@code latentDim}), so a front end can name its own flag.
 */
public final class SettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String problem;

    /**
     * @param setting the record component that holds the setting, e.g. "learningRate"
     * @param subject the setting in words, e.g. "the learning rate"
     * @param problem what is wrong, e.g. "must be positive, got -1.0"
     */
    public SettingException(String setting, String subject, String problem) {
        super(subject + " " + problem);
        this.setting = setting;
        this.problem = problem;
    }

    /** The record component that holds the setting. */
    public String setting() {
        return setting;
    }

    /** What is wrong with it, without naming it: a front end puts its own name for the setting first. */
    public String problem() {
        return problem;
    }
}
