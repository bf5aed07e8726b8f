package org.vae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.vae4j.api.TrainedModel;
import org.vae4j.compress.CompressedFile;
import org.vae4j.compress.Compressor;
import org.vae4j.data.IdxImages;
import org.vae4j.error.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j decompress: the images of a .vae file, with the model that compressed them. */
@Command(name = "decompress", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decompresses a .vae file written by 'vae4j compress' with the same model.",
                "Writes the images to --out as an IDX image file (gzip if the name ends with .gz), or as 00000.png, "
                + "00001.png, ... (8-bit gray) if --out is an existing empty folder or --png is given (the folder "
                + "must be new or empty). A file made with another model, truncated or damaged is refused (exit "
                + "code 2); the pixels are checked against the SHA-256 the file carries. Decoding recomputes the "
                + "model's probabilities, which must come out bit for bit as when compressing: use the same model "
                + "on the same kind of machine and libtorch build (a mismatch is refused, never decoded wrongly)."})
final class DecompressCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelArgs model;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "the .vae file")
    Path in;

    @Mixin
    SharedOptions.Images out;

    @Mixin
    SharedOptions.Threads threads;

    @Mixin
    SharedOptions.Progress progress;

    @Override
    public Integer call() {
        out.check();
        if (threads.count < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads.count);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(in);
        } catch (NoSuchFileException e) {
            throw InputException.of(in, "no such file");
        } catch (IOException e) {
            throw InputException.of(in, "cannot read: " + e.getMessage());
        }
        CompressedFile file = CompressedFile.read(in, bytes);
        IdxImages images;
        try (TrainedModel trained = model.load()) {
            Compressor compressor = CompressCommand.compressor(trained, file.settings());
            try (ProgressBar bar = progress.bar("decompress", file.count())) {
                images = compressor.decompress(file, in, threads.count, ProgressListener.stepTo(bar)::accept);
            }
        }
        out.write(images);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("%d images of %dx%d -> %s%n", images.n(), images.rows(), images.cols(), out.path);
        stdout.flush();
        return ExitCodes.OK;
    }
}
