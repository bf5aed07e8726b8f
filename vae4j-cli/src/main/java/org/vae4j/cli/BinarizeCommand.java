package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vae4j.data.IdxImages;
import org.vae4j.dist.RngStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j binarize: one seeded binarization of gray images, for models trained with --binarize. */
@Command(name = "binarize", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = BinarizeCommand.BinarizationSeed.class,
        description = {"Draws binary images x ~ Bernoulli(pixel / 255), written as bytes 0 and 255.",
                "The binarization a Bernoulli model trained with 'train --binarize' codes: 'compress' refuses gray "
                + "pixels for such a model rather than threshold them (which would lose information silently). "
                + "The default seed is the one 'evaluate' uses for the test split."})
final class BinarizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "IMAGES", description = "an IDX image file or a folder of PNGs")
    Path in;

    @Mixin
    SharedOptions.Images out;

    @Mixin
    SharedOptions.Seed seed;

    /** --seed defaults to the library's binarization seed, that of the test split 'evaluate' scores. */
    static final class BinarizationSeed implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            return arg.isOption() && ((OptionSpec) arg).longestName().equals("--seed")
                    ? Long.toString(RngStreams.BINARIZATION_SEED) : null;
        }
    }

    @Override
    public Integer call() {
        out.check();
        IdxImages images = ImageFiles.read(in);
        byte[] binary = images.toDataset(in.toString(), null).binarized(seed.value).pixels();
        IdxImages result = new IdxImages(images.n(), images.rows(), images.cols(), binary);
        out.write(result);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("%d binarized images of %dx%d -> %s%n", images.n(), images.rows(), images.cols(), out.path);
        stdout.flush();
        return ExitCodes.OK;
    }
}
