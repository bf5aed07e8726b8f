package org.vae4j.spark.cli;

import java.io.PrintWriter;
import org.vae4j.error.InputException;
import org.vae4j.error.SettingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** bin/vae4j-spark: score and train subcommands; exit 0 ok, 2 bad input or usage (one line on stderr). */
@Command(name = "vae4j-spark", mixinStandardHelpOptions = true, version = "vae4j-spark 0.1.0",
        description = "vae4j on Apache Spark: score data with a trained model, or train one.",
        subcommands = {ScoreCommand.class, TrainCommand.class})
public final class SparkMain implements Runnable {

    public static final int OK = 0;
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: score or train");
    }

    /** The command line with its one-line error handling, writing to {@code out} and {@code err}. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SparkMain());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, args) -> {
            err.println("vae4j-spark: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof InputException || e instanceof SettingException
                    || e instanceof java.io.UncheckedIOException) {
                err.println("vae4j-spark: " + firstLine(e.getMessage()));
                err.flush();
                return BAD_INPUT;
            }
            throw e;
        });
        return cli;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "failed";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(commandLine(out, err).execute(args));
    }
}
