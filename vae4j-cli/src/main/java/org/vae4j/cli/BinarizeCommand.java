package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vae4j.data.IdxImages;
import org.vae4j.dist.RngStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j binarize: one seeded binarization of gray images, for models trained with --binarize. */
@Command(name = "binarize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draws binary images x ~ Bernoulli(pixel / 255), written as bytes 0 and 255.",
                "The binarization a Bernoulli model trained with 'train --binarize' codes: 'compress' refuses gray "
                + "pixels for such a model rather than threshold them (which would lose information silently). "
                + "The default seed is the one 'evaluate' uses for the test split."})
final class BinarizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "IMAGES", description = "an IDX image file or a folder of PNGs")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "IMAGES", description = "an IDX image file, or a folder for PNGs")
    Path out;

    @Option(names = "--png", description = "write PNGs into the folder --out")
    boolean png;

    @Option(names = "--seed", defaultValue = "" + RngStreams.BINARIZATION_SEED, description = "(default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        if (png || Files.isDirectory(out)) {
            ImageFiles.requirePngFolder(out);
        } else {
            Workspace.requireFolder(out.toAbsolutePath().getParent());
        }
        IdxImages images = ImageFiles.read(in);
        byte[] binary = images.toDataset(in.toString(), null).binarized(seed).pixels();
        IdxImages result = new IdxImages(images.n(), images.rows(), images.cols(), binary);
        if (png || Files.isDirectory(out)) {
            ImageFiles.writePngs(out, result);
        } else {
            ImageFiles.writeIdx(out, result);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("%d binarized images of %dx%d -> %s%n", images.n(), images.rows(), images.cols(), out);
        stdout.flush();
        return ExitCodes.OK;
    }
}
