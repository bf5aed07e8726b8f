package org.vae4j.compress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.vae4j.codec.RansStack;
import org.vae4j.codec.StackUnderflowException;
import org.vae4j.data.IdxImages;
import org.vae4j.error.InputException;

/**
 * Compresses images into a {@link CompressedFile} with {@link BbAns}, and back. The images are cut into
 * chunks of consecutive images, each coded on its own stack, so several threads can work at once; the
 * bytes do not depend on the number of threads. Decompression checks everything it can: the model's
 * fingerprint, the image shape and levels, that each stack ends exactly at its seed bits, and the pixels'
 * SHA-256, so a wrong model or a damaged file fails with an {@link InputException}, never a wrong image.
 */
public final class Compressor {

    private final BbAns coder;
    private final CodingModel model;
    private final ByteLevels pixelLevels;
    private final byte[] fingerprint;
    private final CoderSettings settings;

    public Compressor(CodingModel model, byte[] fingerprint, CoderSettings settings) {
        this.coder = new BbAns(model, settings);
        this.model = model;
        this.pixelLevels = new ByteLevels(model.levels());
        this.fingerprint = fingerprint.clone();
        this.settings = settings;
    }

    public ByteLevels byteLevels() {
        return pixelLevels;
    }

    /**
     * @param chunkSize images per independently coded chunk (the last may hold fewer)
     * @param threads worker threads
     * @param seed seeds the clean bits of chunk c with seed + c
     * @param progress receives the number of images done
     * @throws IllegalArgumentException if the images do not have the model's D pixels, or a pixel byte is not
     *     one of the model's levels (the message names the image and pixel)
     */
    public CompressedFile compress(IdxImages images, int chunkSize, int threads, long seed, IntConsumer progress) {
        if (chunkSize < 1 || threads < 1) {
            throw new IllegalArgumentException("the chunk size and the threads must be at least 1");
        }
        int dim = images.rows() * images.cols();
        if (dim != model.dim()) {
            throw new IllegalArgumentException(images.n() + " images of " + images.rows() + "x" + images.cols() + " = "
                    + dim + " pixels, but the model codes images of " + model.dim() + " pixels");
        }
        for (int i = 0; i < images.n(); i++) {
            pixelLevels.levelsOf(images.pixels(), i, dim);     // refuses a foreign pixel before any coding
        }
        int chunkCount = (images.n() + chunkSize - 1) / chunkSize;
        AtomicInteger done = new AtomicInteger();
        List<CompressedFile.Chunk> chunks = inParallel(chunkCount, threads, c -> {
            int start = c * chunkSize;
            int end = Math.min(images.n(), start + chunkSize);
            int[][] levels = new int[end - start][];     // one chunk's levels at a time: memory flat in the count
            for (int i = start; i < end; i++) {
                levels[i - start] = pixelLevels.levelsOf(images.pixels(), i, dim);
            }
            return encodeChunk(levels, seed + c, () -> report(progress, done));
        });
        return new CompressedFile(fingerprint, images.n(), images.rows(), images.cols(), model.levels(), settings,
                CompressedFile.pixelsSha256(images), chunks);
    }

    /**
     * @param source the file's name, for messages
     * @throws InputException naming {@code source} if the file was made with another model, does not fit it, or
     *     does not decode to the pixels whose checksum it carries
     */
    public IdxImages decompress(CompressedFile file, Path source, int threads, IntConsumer progress) {
        if (!Arrays.equals(file.fingerprint(), fingerprint)) {
            throw InputException.of(source, "compressed with a different model (fingerprint "
                    + ModelFingerprint.shortHex(file.fingerprint()) + "), not this one ("
                    + ModelFingerprint.shortHex(fingerprint) + ")");
        }
        if (file.dim() != model.dim() || file.levels() != model.levels()) {
            throw InputException.of(source, "holds " + file.height() + "x" + file.width() + " images with " + file.levels()
                    + " levels, but the model codes " + model.dim() + " pixels with " + model.levels() + " levels");
        }
        if (!file.settings().equals(settings)) {
            return new Compressor(model, fingerprint, file.settings()).decompress(file, source, threads, progress);
        }
        int dim = file.dim();
        int[] offsets = new int[file.chunks().size() + 1];
        for (int c = 0; c < file.chunks().size(); c++) {
            offsets[c + 1] = offsets[c] + file.chunks().get(c).images();
        }
        byte[] pixels = new byte[file.count() * dim];
        AtomicInteger done = new AtomicInteger();
        inParallel(file.chunks().size(), threads, c -> {
            decodeChunk(file.chunks().get(c), source, pixels, offsets[c] * dim, dim, () -> report(progress, done));
            return null;
        });
        IdxImages images = new IdxImages(file.count(), file.height(), file.width(), pixels);
        if (!Arrays.equals(CompressedFile.pixelsSha256(images), file.pixelsSha256())) {
            throw InputException.of(source, "corrupt: the decoded pixels do not match the stored SHA-256");
        }
        return images;
    }

    private CompressedFile.Chunk encodeChunk(int[][] levels, long seed, Runnable imageDone) {
        // popping L latents takes at most L * precision bits from a fresh stack: twice that, plus slack
        int initialWords = 2 + 2 * model.latentDim() * settings.precision() / 32;
        while (true) {
            RansStack stack = new RansStack(seed, initialWords);
            try {
                for (int[] image : levels) {
                    coder.encode(stack, image);
                }
            } catch (StackUnderflowException ranOut) {
                if (initialWords > 1 << 20) {
                    throw ranOut;
                }
                initialWords *= 2; // the stack ran out of clean bits: start the chunk again with more
                continue;
            }
            for (int i = 0; i < levels.length; i++) {
                imageDone.run();      // counted once the chunk is coded, so a restart does not count twice
            }
            byte[] initial = new RansStack(seed, initialWords).toBytes();
            byte[] coded = stack.toBytes();
            int shared = sharedBottomWords(initial, coded);
            return new CompressedFile.Chunk(levels.length, seed, initialWords, shared,
                    Arrays.copyOf(coded, coded.length - 4 * shared));
        }
    }

    private void decodeChunk(CompressedFile.Chunk chunk, Path source, byte[] pixels, int offset, int dim,
            Runnable imageDone) {
        // compress never seeds more than 2^21 words; a larger count is damage, not a reason to allocate
        if (chunk.images() < 1 || chunk.initialWords() < 0 || chunk.initialWords() > 1 << 22
                || chunk.sharedWords() < 0 || chunk.sharedWords() > chunk.initialWords()) {
            throw InputException.of(source, "corrupt: bad image or seed word counts in a chunk header");
        }
        byte[] initial = new RansStack(chunk.seed(), chunk.initialWords()).toBytes();
        byte[] full = Arrays.copyOf(chunk.stream(), chunk.stream().length + 4 * chunk.sharedWords());
        System.arraycopy(initial, initial.length - 4 * chunk.sharedWords(), full, chunk.stream().length,
                4 * chunk.sharedWords());
        try {
            RansStack stack = RansStack.fromBytes(full);
            for (int i = chunk.images() - 1; i >= 0; i--) {
                int[] levels = coder.decode(stack);
                for (int d = 0; d < dim; d++) {
                    pixels[offset + i * dim + d] = pixelLevels.byteOf(levels[d]);
                }
                imageDone.run();
            }
            if (!Arrays.equals(stack.toBytes(), initial)) {
                throw InputException.of(source, "corrupt: a chunk does not decode back to its seed bits "
                        + "(a damaged file, or a model that computes differently)");
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw InputException.of(source, "corrupt: the coded stream does not decode (" + e.getMessage() + ")", e);
        }
    }

    /** The number m of 32-bit words at the bottom of {@code coded} equal to those of {@code initial}. */
    static int sharedBottomWords(byte[] initial, byte[] coded) {
        int limit = Math.min(initial.length - 8, coded.length - 8) / 4;
        int m = 0;
        while (m < limit && Arrays.equals(initial, initial.length - 4 * (m + 1), initial.length - 4 * m,
                coded, coded.length - 4 * (m + 1), coded.length - 4 * m)) {
            m++;
        }
        return m;
    }

    private static void report(IntConsumer progress, AtomicInteger done) {
        int now = done.incrementAndGet();
        synchronized (progress) {
            progress.accept(now);
        }
    }

    /** Task c for c = 0..n-1 on up to {@code threads} threads; the results in order. */
    private static <T> List<T> inParallel(int n, int threads, ChunkTask<T> task) {
        if (threads == 1 || n == 1) {
            List<T> results = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                results.add(task.run(c));
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, n));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                int chunk = c;
                futures.add(pool.submit(() -> task.run(chunk)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface ChunkTask<T> {
        T run(int chunk);
    }
}
