package org.vae4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.vae4j.classic.CovarianceType;
import org.vae4j.error.InputException;
import org.vae4j.error.SettingException;
import org.vae4j.model.Architecture;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelKind;
import org.vae4j.model.PriorKind;
import org.vae4j.objective.GradientEstimator;
import org.vae4j.objective.ObjectiveKind;
import org.vae4j.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** The root command: lists the subcommands by theme. */
@Command(name = "vae4j", mixinStandardHelpOptions = true, version = "vae4j 0.1.0",
        description = "Auto-encoders and variational auto-encoders on the JVM.")
public final class Main implements Runnable {

    /** The commands by theme, in the order the root's help lists them; picocli's "help" comes last. */
    private static final List<Group> GROUPS = List.of(
            new Group("Train and evaluate", TrainCommand.class, EvaluateCommand.class, SampleCommand.class,
                    ReconstructCommand.class, CompareCommand.class),
            new Group("Look at the latent space", MapCommand.class, ManifoldCommand.class, InterpolateCommand.class,
                    AnalogyCommand.class, FeaturesCommand.class, ProbeCommand.class, PcaCommand.class, ServeCommand.class),
            new Group("The theory (likelihoods, bounds, gradients, EM)", LikelihoodCommand.class, RefineCommand.class,
                    GradvarCommand.class, GmmCommand.class, PpcaCommand.class),
            new Group("Compression", CompressCommand.class, DecompressCommand.class, BinarizeCommand.class));

    private record Group(String heading, Class<?>... commands) {
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, with the error handling every entry point shares. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        Map<String, List<String>> names = new LinkedHashMap<>();
        for (Group group : GROUPS) {
            List<String> inGroup = new ArrayList<>();
            for (Class<?> command : group.commands()) {
                cli.addSubcommand(command);
                inGroup.add(command.getAnnotation(Command.class).name());
            }
            names.put(group.heading(), inGroup);
        }
        cli.addSubcommand(CommandLine.HelpCommand.class);
        cli.getHelpSectionMap().remove(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING);
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
                new CommandGroups(names));
        cli.setHelpFactory(UsageHelp::new);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        // enums parse while the flags are parsed, so a bad value is reported with its flag
        cli.registerConverter(ModelKind.class, converter(ModelKind::parse));
        cli.registerConverter(Likelihood.class, converter(Likelihood::parse));
        cli.registerConverter(PriorKind.class, converter(PriorKind::parse));
        cli.registerConverter(Architecture.class, converter(Architecture::parse));
        cli.registerConverter(ObjectiveKind.class, converter(ObjectiveKind::parse));
        cli.registerConverter(GradientEstimator.class, converter(GradientEstimator::parse));
        cli.registerConverter(CovarianceType.class, converter(CovarianceType::parse));
        return cli;
    }

    /** A converter whose IllegalArgumentException message becomes picocli's "Invalid value" message. */
    private static <T> ITypeConverter<T> converter(Function<String, T> parse) {
        return value -> {
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        };
    }

    /** Expected failures become one line on stderr and a named exit code. */
    static final class ErrorHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
            PrintWriter err = cli.getErr();
            int code;
            if (e instanceof SettingException setting) {
                err.println("vae4j: " + Flags.describe(setting, cli.getCommandSpec()));
                code = ExitCodes.BAD_INPUT;
            } else if (e instanceof InputException || e instanceof IllegalArgumentException) {
                err.println("vae4j: " + e.getMessage());
                code = ExitCodes.BAD_INPUT;
            } else if (e instanceof TrainingDivergedException) {
                err.println("vae4j: " + e.getMessage());
                code = ExitCodes.DIVERGED;
            } else {
                err.println("vae4j: internal error: " + e + " (set VAE4J_DEBUG=1 for the stack trace)");
                code = ExitCodes.INTERNAL;
            }
            if (System.getenv("VAE4J_DEBUG") != null) {
                e.printStackTrace(err);
            }
            err.flush();
            return code;
        }
    }

    /** A bad flag or value: one line, with where to find help. */
    static final class UsageErrorHandler implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException e, String[] args) {
            CommandLine cli = e.getCommandLine();
            PrintWriter err = cli.getErr();
            String message = e.getMessage().replace(System.lineSeparator(), " ").trim();
            err.println("vae4j: " + message + " (see '" + cli.getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
    }
}
