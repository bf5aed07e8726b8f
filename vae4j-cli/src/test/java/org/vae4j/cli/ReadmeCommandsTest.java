package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The README's command lines work as written: each names a command that exists and only flags that
 * command has, and every run folder a command reads (--model, --runs) is one an earlier README command
 * writes with --out.
 */
class ReadmeCommandsTest {

    private static final Path README = Path.of(System.getProperty("user.dir")).getParent().resolve("README.md");
    private static final Pattern FLAG = Pattern.compile("(?<=\\s)--[a-z][a-z0-9-]*");
    private static final Pattern RUN = Pattern.compile("runs/[A-Za-z0-9_-]+");

    @Test
    void everyCommandLineUsesFlagsItsCommandHasAndRunsTheReadmeMakes() throws IOException {
        Map<String, CommandSpec> commands = SharedOptionsTest.commands();
        List<String> problems = new ArrayList<>();
        Set<String> written = new HashSet<>();
        int lines = 0;
        for (String line : commandLines()) {
            String[] words = line.trim().split("\\s+");
            String name = words[1];
            CommandSpec spec = commands.get(name);
            if (spec == null) {
                problems.add("no command '" + name + "': " + line);
                continue;
            }
            lines++;
            String code = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
            Matcher flags = FLAG.matcher(code);
            while (flags.find()) {
                if (spec.findOption(flags.group()) == null) {
                    problems.add(name + " has no " + flags.group() + ": " + line);
                }
            }
            String out = option(code, "--out");
            for (String input : List.of("--model", "--runs")) {
                String value = option(code, input);
                if (value == null) {
                    continue;
                }
                Matcher runs = RUN.matcher(value);
                while (runs.find()) {
                    if (!written.contains(runs.group())) {
                        problems.add(input + " " + runs.group() + " is made by no README command before it: " + line);
                    }
                }
            }
            if (out != null && out.startsWith("runs/")) {
                written.add(out);
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(lines > 30, "the README's command lines were found: " + lines);
    }

    /** The lines of the README's bash blocks that run bin/vae4j, continuation lines joined. */
    private static List<String> commandLines() throws IOException {
        List<String> result = new ArrayList<>();
        boolean bash = false;
        StringBuilder pending = null;
        for (String line : Files.readAllLines(README)) {
            if (line.startsWith("```")) {
                bash = line.equals("```bash");
                continue;
            }
            if (!bash) {
                continue;
            }
            if (pending != null) {
                pending.append(' ').append(line.trim());
            } else if (line.startsWith("bin/vae4j ")) {
                pending = new StringBuilder(line);
            } else {
                continue;
            }
            if (pending.toString().endsWith("\\")) {
                pending.setLength(pending.length() - 1);
            } else {
                result.add(pending.toString());
                pending = null;
            }
        }
        return result;
    }

    private static String option(String line, String flag) {
        Matcher m = Pattern.compile("(?<=\\s)" + Pattern.quote(flag) + "[ =](\\S+)").matcher(line);
        return m.find() ? m.group(1) : null;
    }
}
