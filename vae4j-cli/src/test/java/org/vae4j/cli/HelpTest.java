package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** --help on every command: exit 0, usage on stdout naming every option the command has. */
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
    void version() {
        assertEquals("vae4j 0.1.0", CliRun.run("--version").assertOk().out().strip());
    }
}
