package org.vae4j.cli;

/** The tool's exit codes. */
public final class ExitCodes {

    public static final int OK = 0;
    /** An unexpected internal error (a bug): one line, no stack trace unless VAE4J_DEBUG is set. */
    public static final int INTERNAL = 1;
    /** Bad input or usage: a missing or malformed file, a bad flag, mismatched dimensions. */
    public static final int BAD_INPUT = 2;
    /** Training diverged (a non-finite loss); the last good checkpoint is kept. */
    public static final int DIVERGED = 3;

    private ExitCodes() {
    }
}
