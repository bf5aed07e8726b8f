package org.vae4j.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.ZipException;
import org.vae4j.error.InputException;

/** Turns an IOException met while reading a file into a one-line InputException. */
final class ReadErrors {

    private ReadErrors() {
    }

    static InputException of(Path file, IOException e) {
        String problem;
        if (e instanceof NoSuchFileException) {
            problem = "no such file";
        } else if (e instanceof AccessDeniedException) {
            problem = "permission denied";
        } else if (e instanceof EOFException) {
            problem = "truncated: the file ends early";
        } else if (e instanceof CharacterCodingException) {
            problem = "not UTF-8 text";
        } else if (e instanceof ZipException) {
            problem = oneLine(e.getMessage()); // GzipContent's messages say the whole problem
        } else if (Files.isDirectory(file)) {
            problem = "is a directory, expected a file";
        } else {
            problem = "cannot read: " + oneLine(e.getMessage());
        }
        return InputException.of(file, problem, e);
    }

    static String oneLine(String message) {
        return message == null ? "I/O error" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
