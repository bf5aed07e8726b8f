package org.vae4j.error;

import java.nio.file.Path;

/**
 * Bad input from the user: a missing, truncated or malformed file, mismatched dimensions, a corrupt
 * model. The message is one line that names the file and the problem; the command line prints it as
 * is and exits with code 2.
 */
public class InputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one line, already naming the file and the problem */
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "FILE: problem". */
    public static InputException of(Path file, String problem) {
        return new InputException(file + ": " + problem);
    }

    public static InputException of(Path file, String problem, Throwable cause) {
        return new InputException(file + ": " + problem, cause);
    }
}
