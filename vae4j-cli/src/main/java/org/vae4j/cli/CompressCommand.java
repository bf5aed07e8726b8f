package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.vae4j.io.AtomicFile;
import org.vae4j.cli.pictures.CompressionBars;
import org.vae4j.io.Png;
import org.vae4j.compress.BaselineSizes;
import org.vae4j.compress.CoderSettings;
import org.vae4j.compress.CompressedFile;
import org.vae4j.compress.Compressor;
import org.vae4j.compress.ModelFingerprint;
import org.vae4j.compress.VaeCodingModel;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.data.IdxImages;
import org.vae4j.infer.Evaluation;
import org.vae4j.error.InputException;
import org.vae4j.model.ModelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j compress: lossless compression of images with a trained VAE by bits-back coding (BB-ANS). */
@Command(name = "compress", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compresses images losslessly with a trained VAE (bits-back coding with ANS).",
                "Writes --in (an IDX image file or a folder of 8-bit gray PNGs) to the .vae file --out; 'vae4j "
                + "decompress' with the same model gives back every pixel. The images must be what the model codes: "
                + "a Bernoulli model codes binary images (bytes 0 and 255 only; see 'vae4j binarize'). With --report, "
                + "compresses the test split of --data instead and prints bits per dimension against the model's "
                + "-ELBO and against gzip, bzip2 and PNG, with images per second, into compression.csv and "
                + "compression.png in --out (default: the model folder)."})
final class CompressCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelArgs model;

    @Option(names = "--in", paramLabel = "IMAGES", description = "an IDX image file (idx3-ubyte, optionally gzip) or a folder of PNGs")
    Path in;

    @Option(names = "--out", paramLabel = "FILE", description = "the .vae file to write (with --report: the folder for the table)")
    Path out;

    @Option(names = "--report", description = "compress the test split of --data and compare with -ELBO, gzip, bzip2, PNG")
    boolean report;

    @Option(names = "--data", paramLabel = "DATA", description = "with --report: " + DataArgs.IMAGE_DATA)
    String data;

    @Option(names = "--n", description = "with --report: " + Workspace.SUBSET + " (default: all)")
    Integer n;

    @Option(names = "--bucket-bits", defaultValue = "8", description = "2^b equal-mass buckets per latent (default: ${DEFAULT-VALUE})")
    int bucketBits;

    @Option(names = "--precision", defaultValue = "20", description = "frequencies out of 2^p (default: ${DEFAULT-VALUE})")
    int precision;

    @Option(names = "--chunk", defaultValue = "1000", description = "images per independently coded chunk (default: ${DEFAULT-VALUE})")
    int chunk;

    @Mixin
    SharedOptions.Threads threads;

    @Mixin
    SharedOptions.Seed seed;

    @Mixin
    SharedOptions.Progress progress;

    @Override
    public Integer call() {
        CoderSettings settings = new CoderSettings(bucketBits, precision);
        if (chunk < 1 || threads.count < 1) {
            throw new IllegalArgumentException("--chunk and --threads must be at least 1");
        }
        Workspace.requireCount("--n", n);
        if (report ? data == null : (in == null || out == null)) {
            throw new IllegalArgumentException(report ? "--report needs --data" : "compress needs --in IMAGES and --out FILE");
        }
        if (out != null) {
            Workspace.requireFolder(report ? out : out.toAbsolutePath().getParent());
            if (!report && Files.isDirectory(out)) {
                throw InputException.of(out, "is a folder; --out names the .vae file to write");
            }
        }
        try (TrainedModel trained = model.load()) {
            Compressor compressor = compressor(trained, settings);
            return report ? report(trained, compressor) : compressFile(compressor, trained);
        }
    }

    private int compressFile(Compressor compressor, TrainedModel trained) {
        IdxImages images = ImageFiles.read(in);
        ModelConfig config = trained.config();
        if (images.rows() != config.height() || images.cols() != config.width()) {
            throw InputException.of(in, images.rows() + "x" + images.cols() + " images, but the model in "
                    + trained.dir() + " codes " + config.height() + "x" + config.width() + " images");
        }
        CompressedFile file = compress(compressor, images, in);
        byte[] bytes = file.toBytes();
        AtomicFile.write(out, s -> s.write(bytes));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%d images of %dx%d -> %s: %d bytes, %.4f bits per dimension%n", images.n(),
                images.rows(), images.cols(), out, bytes.length, bitsPerDim(bytes.length, images));
        stdout.flush();
        return ExitCodes.OK;
    }

    private CompressedFile compress(Compressor compressor, IdxImages images, Path source) {
        try (ProgressBar bar = progress.bar("compress", images.n())) {
            return compressor.compress(images, chunk, threads.count, seed.value, ProgressListener.stepTo(bar)::accept);
        } catch (IllegalArgumentException e) {
            throw InputException.of(source, e.getMessage());
        }
    }

    private int report(TrainedModel trained, Compressor compressor) {
        DataSplit split = trained.readData(data, null);
        Dataset test = Workspace.subset(split.test(), n);
        Evaluation elbo = trained.elbo(test, seed.value);
        IdxImages images = toImages(trained.view(test));
        Path source = Path.of(data);

        long start = System.nanoTime();
        byte[] bytes = compress(compressor, images, source).toBytes();
        double compressSeconds = (System.nanoTime() - start) * 1e-9;
        start = System.nanoTime();
        IdxImages back;
        try (ProgressBar bar = progress.bar("decompress", images.n())) {
            back = compressor.decompress(CompressedFile.read(source, bytes), source, threads.count, ProgressListener.stepTo(bar)::accept);
        }
        double decompressSeconds = (System.nanoTime() - start) * 1e-9;
        if (!Arrays.equals(back.pixels(), images.pixels())) {
            throw new IllegalStateException("the round trip changed the pixels"); // the SHA-256 check makes this impossible
        }
        BaselineSizes baselines = BaselineSizes.of(images, compressor.byteLevels());

        int dim = images.rows() * images.cols();
        double negElboBits = elbo.negElbo() / (dim * Math.log(2)); // nats per image -> bits per dimension
        double rate = bitsPerDim(bytes.length, images);
        List<CompressionBars.Row> rows = List.of(
                new CompressionBars.Row("bb-ans", bytes.length, rate),
                new CompressionBars.Row("-elbo", -1, negElboBits),
                new CompressionBars.Row("gzip", baselines.gzip(), bitsPerDim(baselines.gzip(), images)),
                new CompressionBars.Row("bzip2", baselines.bzip2(), bitsPerDim(baselines.bzip2(), images)),
                new CompressionBars.Row("png", baselines.png(), bitsPerDim(baselines.png(), images)));
        double compressRate = images.n() / compressSeconds;
        double decompressRate = images.n() / decompressSeconds;

        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%s on %d test images of %s (%dx%d, %d levels), bits per dimension:%n", trained.dir(),
                images.n(), data, images.rows(), images.cols(), compressor.byteLevels().levels());
        for (CompressionBars.Row r : rows) {
            stdout.printf(Locale.ROOT, "  %-8s %8.4f%s%n", r.method(), r.bitsPerDim(),
                    r.bytes() < 0 ? "  (the model's negative ELBO, one z per image)" : String.format(Locale.ROOT, "  %10d bytes", r.bytes()));
        }
        stdout.printf(Locale.ROOT, "  bb-ans / -elbo = %.4f (%+.2f%%)%n", rate / negElboBits, 100 * (rate / negElboBits - 1));
        stdout.printf(Locale.ROOT, "  compress %.1f images/s, decompress %.1f images/s on %d thread(s); the round trip is exact%n",
                compressRate, decompressRate, threads.count);
        Path dir = out != null ? out : model.dir;
        AtomicFile.writeString(dir.resolve("compression.csv"), csv(rows, images.n(), dim, compressRate, decompressRate));
        Png.write(CompressionBars.render("Lossless compression of " + images.n() + " test images of " + data, rows),
                dir.resolve("compression.png"));
        stdout.printf("wrote compression.csv and compression.png to %s%n", dir);
        stdout.flush();
        return ExitCodes.OK;
    }

    /** The test images as bytes: x = v / (V - 1) in [0, 1] back to round(255 x). */
    private static IdxImages toImages(Dataset test) {
        float[] x = test.x();
        byte[] pixels = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            pixels[i] = (byte) Math.round(255 * Math.max(0f, Math.min(1f, x[i])));
        }
        return new IdxImages(test.n(), test.height(), test.width(), pixels);
    }

    private static String csv(List<CompressionBars.Row> rows, int images, int dim, double compressRate, double decompressRate) {
        StringBuilder csv = new StringBuilder("method,images,dims,bytes,bits_per_dim,images_per_s_compress,images_per_s_decompress\n");
        for (CompressionBars.Row r : rows) {
            boolean ours = r.method().equals("bb-ans");
            csv.append(String.format(Locale.ROOT, "%s,%d,%d,%s,%.5f,%s,%s%n", r.method(), images, dim,
                    r.bytes() < 0 ? "" : Long.toString(r.bytes()), r.bitsPerDim(),
                    ours ? String.format(Locale.ROOT, "%.2f", compressRate) : "",
                    ours ? String.format(Locale.ROOT, "%.2f", decompressRate) : ""));
        }
        return csv.toString();
    }

    static double bitsPerDim(long bytes, IdxImages images) {
        return 8.0 * bytes / ((double) images.n() * images.rows() * images.cols());
    }

    /** The coder for a loaded model; a model that cannot code images is bad input naming its folder. */
    static Compressor compressor(TrainedModel trained, CoderSettings settings) {
        try {
            return new Compressor(VaeCodingModel.of(trained.network()), ModelFingerprint.of(trained.network()), settings);
        } catch (IllegalArgumentException e) {
            throw InputException.of(trained.dir(), e.getMessage());
        }
    }
}
