package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * One run of the tool in-process: {@link Main#commandLine()} with its stdout and stderr captured.
 *
 * @param args the arguments it ran with
 * @param exitCode what {@code execute} returned
 * @param out everything printed on stdout
 * @param err everything printed on stderr
 */
record CliRun(List<String> args, int exitCode, String out, String err) {

    static {
        // One intra-op thread unless told otherwise: on this 2-core machine, while another process holds a
        // core, PyTorch's two OpenMP threads spin-wait for each other and a digits epoch takes 17-25 s
        // instead of 0.2-0.5 s (measured; OMP_WAIT_POLICY=PASSIVE cures it too, but needs the environment).
        // Set before the first command starts the engine.
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
    }

    static CliRun run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out);
        PrintWriter errWriter = new PrintWriter(err);
        cli.setOut(outWriter);
        cli.setErr(errWriter);
        int code = cli.execute(args);
        outWriter.flush();
        errWriter.flush();
        return new CliRun(List.of(args), code, out.toString(), err.toString());
    }

    List<String> errLines() {
        return err.lines().toList();
    }

    /** Fails unless the run exited 0 with nothing on stderr. */
    CliRun assertOk() {
        assertEquals(ExitCodes.OK, exitCode, this::describe);
        assertEquals("", err, this::describe);
        return this;
    }

    /**
     * Fails unless the run exited 2 with exactly one line on stderr that contains every fragment (the
     * file or flag, and the problem) and no trace of an exception.
     *
     * @return that line
     */
    String assertBadInput(String... fragments) {
        assertEquals(ExitCodes.BAD_INPUT, exitCode, this::describe);
        return assertOneErrorLine(fragments);
    }

    /** Fails unless stderr is exactly one "vae4j: ..." line holding every fragment and no stack trace. */
    String assertOneErrorLine(String... fragments) {
        List<String> lines = errLines();
        assertEquals(1, lines.size(), () -> "expected one line on stderr; " + describe());
        String line = lines.get(0);
        assertTrue(line.startsWith("vae4j: "), this::describe);
        for (String fragment : fragments) {
            assertTrue(line.contains(fragment), () -> "stderr lacks \"" + fragment + "\"; " + describe());
        }
        assertFalse(line.contains("Exception"), this::describe);
        assertFalse(line.contains("at org.") || line.contains("at java."), this::describe);
        return line;
    }

    String describe() {
        return "vae4j " + String.join(" ", args) + " exited " + exitCode + "\n--- stdout:\n" + out + "--- stderr:\n"
                + err;
    }
}
