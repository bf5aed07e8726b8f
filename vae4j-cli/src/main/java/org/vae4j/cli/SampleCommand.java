package org.vae4j.cli;

import java.util.concurrent.Callable;
import org.vae4j.error.InputException;
import org.vae4j.api.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j sample: decodes draws from the prior into an image grid. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decode draws z ~ p(z) into an image grid.",
                "Draws z ~ p(z) and writes the decoder's means E[x|z] as an image grid (PNG)."})
final class SampleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelArgs model;

    /** The most samples one picture holds. */
    static final int MAX = 10_000;

    @Option(names = "--n", defaultValue = "64", description = "how many samples, 1.." + MAX + " (default: ${DEFAULT-VALUE})")
    int n;

    @Mixin
    SharedOptions.Seed seed;

    @Mixin
    SharedOptions.PngFile out;

    @Override
    public Integer call() {
        if (n < 1 || n > MAX) {
            throw new IllegalArgumentException("--n must be in 1.." + MAX + " (one picture), got " + n);
        }
        try (TrainedModel trained = model.load()) {
            if (!trained.isVariational()) {
                throw InputException.of(trained.dir(), "holds an auto-encoder, which has no prior to sample from "
                        + "(train with --model vae)");
            }
            Pictures.writeSamples(trained.sample(n, seed.value), trained.config(), out.file);
            spec.commandLine().getOut().printf("wrote %d samples to %s%n", n, out.file);
            return ExitCodes.OK;
        }
    }
}
