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

/**
 * Turns an IOException met while reading a file into a one-line InputException, and quotes bad input
 * into such a line: briefly, and with nothing a terminal would act on.
 */
final class ReadErrors {

    /** The most characters of input an error line quotes, escapes counted; longer input ends in "...". */
    static final int QUOTED_CHARS = 40;
    /** The most characters of a message passed on (an IOException's, a parser's), escapes counted. */
    private static final int MESSAGE_CHARS = 160;
    /** A list of quoted names in an error line stops once it is this long. */
    private static final int LISTED_CHARS = 60;

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

    /**
     * @return a message (an IOException's, a parser's, which may quote input) as one short line: line breaks
     *     and the white space around them become one space, other invisible characters are escaped as in
     *     {@link #excerpt(String)}, and a message longer than {@value #MESSAGE_CHARS} characters is cut
     */
    static String oneLine(String message) {
        if (message == null) {
            return "I/O error";
        }
        return shorten(message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim(), MESSAGE_CHARS, false);
    }

    /** @return text in double quotes: its {@link #excerpt(String)} */
    static String quote(String text) {
        return '"' + excerpt(text) + '"';
    }

    /**
     * @return at most {@link #QUOTED_CHARS} characters of text, then "..." if there is more; a quote or
     *     backslash escaped by a backslash, and control and other invisible characters by Java's escape
     *     (backslash, u, four hex digits), so that nothing in it moves the terminal or breaks the line
     */
    static String excerpt(String text) {
        return shorten(text, QUOTED_CHARS, true);
    }

    /** @return text with invisible characters escaped, cut to at most {@code limit} characters and "..." */
    private static String shorten(String text, int limit, boolean escapeQuotes) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            String escaped = escapeQuotes && (c == '"' || c == '\\') ? "\\" + (char) c : visible(c);
            if (shown.length() + escaped.length() > limit) {
                return shown.append("...").toString();
            }
            shown.append(escaped);
            i += Character.charCount(c);
        }
        return shown.toString();
    }

    /** @return the names, each quoted, as many as fit in a few dozen characters, e.g. "a", "b" and 782 more */
    static String quoteList(String[] names) {
        StringBuilder list = new StringBuilder();
        int listed = 0;
        while (listed < names.length && (listed == 0 || list.length() < LISTED_CHARS)) {
            list.append(listed == 0 ? "" : ", ").append(quote(names[listed++]));
        }
        return listed == names.length ? list.toString() : list + " and " + (names.length - listed) + " more";
    }

    /** @return the code point as it is, or as Java's escape of each of its chars when it is invisible */
    private static String visible(int c) {
        int type = Character.getType(c);
        boolean invisible = type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
        if (!invisible) {
            return Character.toString(c);
        }
        StringBuilder escaped = new StringBuilder();
        for (char unit : Character.toChars(c)) {
            escaped.append(String.format("\\u%04x", (int) unit));
        }
        return escaped.toString();
    }
}
