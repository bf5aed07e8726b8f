package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadErrorsTest {

    /**
     * Fails unless message is "FILE: problem" with a problem of fewer than {@code maxProblemChars}
     * characters, all printable ASCII (escapes included), that starts with {@code start}.
     */
    static void assertBriefAndPrintable(Path file, String start, int maxProblemChars, String message) {
        assertTrue(message.startsWith(file + ": " + start), message);
        assertTrue(message.length() - file.toString().length() < maxProblemChars, message);
        assertTrue(message.chars().allMatch(c -> c >= ' ' && c < 0x7f), message);
    }

    @Test
    void quoteKeepsShortTextAndCutsLongTextAtFortyCharacters() {
        assertEquals("\"abc\"", ReadErrors.quote("abc"));
        assertEquals("\"\"", ReadErrors.quote(""));
        String forty = "x".repeat(40);
        assertEquals('"' + forty + '"', ReadErrors.quote(forty));
        assertEquals('"' + forty + "...\"", ReadErrors.quote(forty + "y"));
        assertEquals('"' + forty + "...\"", ReadErrors.quote("x".repeat(5000)));
    }

    @Test
    void quoteEscapesControlAndInvisibleCharactersQuotesAndBackslashes() {
        assertEquals("\"a\\u0000b\\u001b[2J\\u007f\"", ReadErrors.quote("a\u0000b\u001b[2J\u007f"));
        assertEquals("\"\\u000d\\u000a\\u0009\"", ReadErrors.quote("\r\n\t"));
        assertEquals("\"say \\\"hi\\\" \\\\ bye\"", ReadErrors.quote("say \"hi\" \\ bye"));
        // right-to-left override, byte order mark, line separator, a lone surrogate
        assertEquals("\"\\u202e\\ufeff\\u2028\\ud800\"", ReadErrors.quote("\u202e\ufeff\u2028\ud800"));
        // visible text outside ASCII stays as it is, a supplementary character whole
        assertEquals("\"Größe \uD83D\uDE00 π\"", ReadErrors.quote("Größe \uD83D\uDE00 π"));
    }

    @Test
    void escapesCountTowardsTheLimitAndAreNeverCut() {
        // 39 x then an escape of 6 characters: it does not fit, so it is left out whole
        assertEquals('"' + "x".repeat(39) + "...\"", ReadErrors.quote("x".repeat(39) + "\u0000"));
        assertEquals("\"" + "\\u0000".repeat(6) + "...\"", ReadErrors.quote("\u0000".repeat(1000)));
        // a supplementary character is never split into its two chars
        assertEquals('"' + "x".repeat(39) + "...\"", ReadErrors.quote("x".repeat(39) + "\uD83D\uDE00"));
    }

    @Test
    void quoteListNamesAFewAndCountsTheRest() {
        assertEquals("\"a\", \"b\", \"c\"", ReadErrors.quoteList(new String[] {"a", "b", "c"}));
        String[] pixels = new String[784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = "pixel" + i;
        }
        assertEquals("\"pixel0\", \"pixel1\", \"pixel2\", \"pixel3\", \"pixel4\", \"pixel5\", \"pixel6\" and 777 more",
                ReadErrors.quoteList(pixels));
        String[] long3 = {"g".repeat(5000), "h".repeat(5000), "i"};
        assertEquals('"' + "g".repeat(40) + "...\", \"" + "h".repeat(40) + "...\" and 1 more",
                ReadErrors.quoteList(long3));
    }

    @Test
    void oneLineJoinsLinesAndEscapesOtherControlCharacters() {
        assertEquals("first second", ReadErrors.oneLine("first \r\n  second\n"));
        assertEquals("token 'a\\u0000\\u001b' here", ReadErrors.oneLine("token 'a\u0000\u001b' here"));
        assertEquals("I/O error", ReadErrors.oneLine(null));
        String longMessage = "Unrecognized token '" + "a".repeat(5000) + "'";
        assertEquals(longMessage.substring(0, 160) + "...", ReadErrors.oneLine(longMessage));
    }
}
