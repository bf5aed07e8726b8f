package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.vae4j.data.IdxReader;

/**
 * Bad input of every kind: exit code 2, one line on stderr naming the file or flag and the problem,
 * no stack trace, and nothing written where the output would have gone.
 */
class BadInputTest {

    private static final String[] SMALL_TRAINING = {"--epochs", "1", "--hidden", "8", "--latent", "2", "--quiet"};

    // ---- data files

    @Test
    void missingDataFile() {
        Path dir = Fixtures.newDir("missing");
        Path out = dir.resolve("run");
        Path absent = dir.resolve("absent.csv");
        train(absent.toString(), out).assertBadInput(absent.toString(), "no such file");
        assertNothingWritten(out);
    }

    @Test
    void truncatedIdxImages() throws IOException {
        Path data = mnistLayout("truncated");
        Path images = data.resolve("train-images-idx3-ubyte");
        try (RandomAccessFile file = new RandomAccessFile(images.toFile(), "rw")) {
            file.setLength(file.length() - 100);
        }
        Path out = data.resolveSibling("run");
        train(data.toString(), out).assertBadInput(images.toString(), "truncated",
                "20 images of 28x28", "15580 bytes of pixels, not 15680");
        assertNothingWritten(out);
    }

    @Test
    void idxFileEndingInsideTheHeader() throws IOException {
        Path data = mnistLayout("header");
        Path images = data.resolve("t10k-images-idx3-ubyte");
        try (RandomAccessFile file = new RandomAccessFile(images.toFile(), "rw")) {
            file.setLength(10);
        }
        Path out = data.resolveSibling("run");
        train(data.toString(), out).assertBadInput(images.toString(), "truncated", "header");
        assertNothingWritten(out);
    }

    @Test
    void gzipCutShortInItsTrailer() throws IOException {
        Path data = mnistLayout("gzip");
        Path plain = data.resolve("train-images-idx3-ubyte");
        Path gz = data.resolve("train-images-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        Files.delete(plain);
        try (RandomAccessFile file = new RandomAccessFile(gz.toFile(), "rw")) {
            file.setLength(file.length() - 4);
        }
        Path out = data.resolveSibling("run");
        String line = train(data.toString(), out).assertBadInput(gz.toString(), "truncated or damaged gzip stream");
        assertTrue(line.length() < 300, line);
        assertNothingWritten(out);
    }

    @Test
    void wrongMagicNumber() {
        Path data = mnistLayout("magic");
        // a common slip: the label file copied over the image file
        Path images = data.resolve("t10k-images-idx3-ubyte");
        IdxReader.writeLabels(images, new int[] {1, 2, 3});
        Path out = data.resolveSibling("run");
        train(data.toString(), out).assertBadInput(images.toString(), "wrong magic number 2049",
                "expected 2051", "label file");
        assertNothingWritten(out);
    }

    @Test
    void nonNumericCsvCell() {
        Path dir = Fixtures.newDir("csv-cell");
        Path csv = dir.resolve("bad.csv");
        Fixtures.write(csv, "a,b,c,d\n1,2,3,4\n5,x7,1,2\n3,3,3,3\n");
        Path out = dir.resolve("run");
        train(csv.toString(), out).assertBadInput(csv.toString(), "line 3", "column 2", "\"b\"",
                "not a number: \"x7\"");
        assertNothingWritten(out);
    }

    @Test
    void binaryGarbageCsv() {
        Path dir = Fixtures.newDir("csv-garbage");
        Path csv = dir.resolve("garbage.csv");
        // two lines of 5000 characters 0..127 (valid UTF-8, control characters among them), no commas
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder garbage = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            int c = random.nextInt(128);
            garbage.append(i == 5000 ? '\n' : c == ',' || c == '\n' || c == '\r' ? '?' : (char) c);
        }
        Fixtures.write(csv, garbage.toString());
        Path out = dir.resolve("run");
        String line = train(csv.toString(), out).assertBadInput(csv.toString(), "line 2, column 1", "not a number");
        assertTrue(line.length() < 300, line);
        assertTrue(line.chars().allMatch(c -> c >= ' ' && c < 0x7f), line);
        assertNothingWritten(out);
    }

    @Test
    void csvRowWithTooFewCells() {
        Path dir = Fixtures.newDir("csv-row");
        Path csv = dir.resolve("short.csv");
        Fixtures.write(csv, "1,2,3,4\n5,6,7\n");
        Path out = dir.resolve("run");
        train(csv.toString(), out).assertBadInput(csv.toString(), "line 2", "3 cells, expected 4");
        assertNothingWritten(out);
    }

    // ---- data that does not fit the model

    @Test
    void imageModelOnFourColumnCsv() {
        Path digitsRun = Fixtures.digitsVae().dir();
        Path dir = Fixtures.newDir("mismatch");
        Path csv = dir.resolve("four.csv");
        Fixtures.write(csv, "a,b,c,d\n0,1,2,3\n1,2,3,4\n2,3,4,5\n3,4,5,6\n4,5,6,7\n");
        CliRun.run("evaluate", "--model", digitsRun.toString(), "--data", csv.toString(), "--k", "2", "--quiet")
                .assertBadInput(csv.toString(), "1x4 = 4 values per example", "expects 28x28 = 784");
        Path png = dir.resolve("rec.png");
        CliRun.run("reconstruct", "--model", digitsRun.toString(), "--data", csv.toString(), "--out", png.toString())
                .assertBadInput(csv.toString(), "expects 28x28 = 784");
        assertFalse(Files.exists(png));
        assertEquals(List.of("four.csv"), Fixtures.entries(dir));
    }

    @Test
    void csvModelOnImages() {
        Path csvRun = Fixtures.csvVae().dir();
        Path png = Fixtures.newDir("mismatch-images").resolve("rec.png");
        CliRun.run("reconstruct", "--model", csvRun.toString(), "--data", "digits", "--out", png.toString())
                .assertBadInput("digits: image data", csvRun.toString(), "the 4 columns of the CSV file clusters.csv");
        assertFalse(Files.exists(png));
        CliRun.run("evaluate", "--model", csvRun.toString(), "--data", Fixtures.smallDigits().toString(), "--k", "2",
                "--quiet").assertBadInput(Fixtures.smallDigits() + ": image data", "4 columns");
    }

    @Test
    void resumeWithOtherData() {
        Path run = Fixtures.copyOf(Fixtures.csvVae());
        byte[] parameters = Fixtures.bytes(run.resolve("model/parameters.bin"));
        Path other = Fixtures.newDir("other").resolve("other.csv");
        Fixtures.write(other, String.join(",", Fixtures.CSV_HEADER) + "\n1,2,0,3,4\n2,3,1,4,5\n3,4,0,5,6\n");
        CliRun.run("train", "--data", other.toString(), "--label-column", "species", "--out", run.toString(),
                "--resume", "--epochs", "4", "--quiet").assertBadInput(other.toString(), "not the data", "--data");
        assertArrayEquals(parameters, Fixtures.bytes(run.resolve("model/parameters.bin")));
    }

    // ---- corrupt models

    @Test
    void garbageModelJson() {
        Path run = Fixtures.copyOf(Fixtures.digitsVae());
        Path json = run.resolve("model/model.json");
        Fixtures.write(json, "{\"format\": \"vae4j-model\", \"model\": [1, 2");
        CliRun.run("evaluate", "--model", run.toString(), "--data", "digits", "--k", "2", "--quiet")
                .assertBadInput(json.toString(), "corrupt model file");
        Path png = run.resolveSibling("samples.png");
        CliRun.run("sample", "--model", run.toString(), "--out", png.toString())
                .assertBadInput(json.toString(), "corrupt model file");
        assertFalse(Files.exists(png));
    }

    /** model.json is covered by the folder's checksums: a field renamed by hand fails them, naming the file. */
    @Test
    void modelJsonWithARenamedField() {
        Path run = Fixtures.copyOf(Fixtures.digitsVae());
        Path json = run.resolve("model/model.json");
        String text = new String(Fixtures.bytes(json), StandardCharsets.UTF_8);
        Fixtures.write(json, text.replace("\"latents\"", "\"latent_sizes\""));
        Path png = run.resolveSibling("samples.png");
        CliRun.run("sample", "--model", run.toString(), "--out", png.toString())
                .assertBadInput(json.toString(), "checksum does not match checksums.sha256");
        assertFalse(Files.exists(png));
    }

    @Test
    void flippedByteInParameters() throws IOException {
        Path run = Fixtures.copyOf(Fixtures.digitsVae());
        Path parameters = run.resolve("model/parameters.bin");
        try (RandomAccessFile file = new RandomAccessFile(parameters.toFile(), "rw")) {
            long at = file.length() / 2;
            file.seek(at);
            int b = file.read();
            file.seek(at);
            file.write(b ^ 0x10);
        }
        CliRun.run("evaluate", "--model", run.toString(), "--data", "digits", "--k", "2", "--quiet")
                .assertBadInput(parameters.toString(), "checksum does not match checksums.sha256");
        Path png = run.resolveSibling("samples.png");
        CliRun.run("sample", "--model", run.toString(), "--out", png.toString())
                .assertBadInput(parameters.toString(), "checksum");
        assertFalse(Files.exists(png));
    }

    @Test
    void missingParameters() throws IOException {
        Path run = Fixtures.copyOf(Fixtures.digitsVae());
        Path parameters = run.resolve("model/parameters.bin");
        Files.delete(parameters);
        Path png = run.resolveSibling("samples.png");
        CliRun.run("sample", "--model", run.toString(), "--out", png.toString())
                .assertBadInput(parameters.toString(), "missing");
        assertFalse(Files.exists(png));
    }

    /** Evaluating needs no optimizer state; resuming does, and says so in one line naming the file. */
    @Test
    void missingOptimizerState() throws IOException {
        Path run = Fixtures.copyOf(Fixtures.csvVae());
        Path optimizer = run.resolve("model/optimizer.bin");
        Files.delete(optimizer);
        byte[] metrics = Fixtures.bytes(run.resolve("metrics.jsonl"));
        CliRun.run("evaluate", "--model", run.toString(), "--data", Fixtures.csv().toString(), "--label-column",
                "species", "--k", "2", "--quiet").assertOk();
        CliRun.run("train", "--data", Fixtures.csv().toString(), "--label-column", "species", "--out", run.toString(),
                "--resume", "--epochs", "4", "--quiet").assertBadInput(optimizer.toString(),
                "missing from the model folder; resuming training needs it");
        assertArrayEquals(metrics, Fixtures.bytes(run.resolve("metrics.jsonl")));
        assertEquals(3, Fixtures.readJson(run.resolve("model/model.json")).at("/training/epochs_done").asInt());
    }

    @Test
    void noModelFolder() {
        Path absent = Fixtures.newDir("no-model").resolve("nothing-here");
        Path png = absent.resolveSibling("samples.png");
        CliRun.run("sample", "--model", absent.toString(), "--out", png.toString())
                .assertBadInput(absent.toString(), "no such model folder");
        assertFalse(Files.exists(png));
    }

    // ---- flags

    @Test
    void unknownFlag() {
        Path out = Fixtures.newDir("flag").resolve("run");
        CliRun.run("train", "--data", "digits", "--out", out.toString(), "--bogus")
                .assertBadInput("Unknown option", "'--bogus'", "vae4j train --help");
        assertNothingWritten(out);
    }

    @Test
    void missingRequiredFlag() {
        CliRun.run("evaluate", "--data", "digits").assertBadInput("Missing required option", "--model");
    }

    @Test
    void nonNumericFlagValue() {
        Path out = Fixtures.newDir("flag").resolve("run");
        CliRun.run("train", "--data", "digits", "--out", out.toString(), "--epochs", "abc")
                .assertBadInput("--epochs", "'abc' is not an int");
        assertNothingWritten(out);
    }

    @Test
    void unknownLikelihood() {
        Path out = Fixtures.newDir("flag").resolve("run");
        CliRun.run("train", "--data", "digits", "--out", out.toString(), "--likelihood", "foo", "--quiet")
                .assertBadInput("--likelihood", "'foo'",
                        "bernoulli, gaussian, gaussian-learned, discretized-logistic or beta-binomial");
        assertNothingWritten(out);
    }

    @Test
    void unknownModelKind() {
        Path out = Fixtures.newDir("flag").resolve("run");
        CliRun.run("train", "--data", "digits", "--out", out.toString(), "--model", "xyz", "--quiet")
                .assertBadInput("--model", "'xyz'", "vae, ae, cvae or hvae");
        assertNothingWritten(out);
    }

    @Test
    void zeroEpochs() {
        Path out = Fixtures.newDir("flag").resolve("run");
        CliRun.run("train", "--data", "digits", "--out", out.toString(), "--epochs", "0", "--quiet")
                .assertBadInput("--epochs", "at least 1, got 0");
        assertNothingWritten(out);
    }

    @Test
    void zeroImportanceSamples() {
        Path run = Fixtures.digitsVae().dir();
        CliRun.run("evaluate", "--model", run.toString(), "--data", "digits", "--k", "0", "--quiet")
                .assertBadInput("--k", "in 1..100000, got 0");
    }

    // ---- run folders

    @Test
    void outAlreadyHoldsAModel() {
        Path run = Fixtures.copyOf(Fixtures.csvVae());
        byte[] json = Fixtures.bytes(run.resolve("model/model.json"));
        byte[] parameters = Fixtures.bytes(run.resolve("model/parameters.bin"));
        byte[] metrics = Fixtures.bytes(run.resolve("metrics.jsonl"));
        CliRun.run("train", "--data", Fixtures.csv().toString(), "--label-column", "species", "--out", run.toString(),
                "--quiet").assertBadInput(run.toString(), "already holds a model", "--resume");
        assertArrayEquals(json, Fixtures.bytes(run.resolve("model/model.json")));
        assertArrayEquals(parameters, Fixtures.bytes(run.resolve("model/parameters.bin")));
        assertArrayEquals(metrics, Fixtures.bytes(run.resolve("metrics.jsonl")));
    }

    @Test
    void resumeWithoutAModel() {
        Path out = Fixtures.newDir("resume").resolve("run");
        CliRun.run("train", "--data", "digits", "--out", out.toString(), "--resume", "--quiet")
                .assertBadInput(out.toString(), "no model to resume");
        assertNothingWritten(out);
    }

    @Test
    void sampleFromAnAutoencoder() {
        Path run = Fixtures.smallDigitsAe().dir();
        Path png = Fixtures.newDir("sample-ae").resolve("samples.png");
        CliRun.run("sample", "--model", run.toString(), "--out", png.toString())
                .assertBadInput(run.toString(), "auto-encoder", "--model vae");
        assertFalse(Files.exists(png));
    }

    // ----

    private static CliRun train(String data, Path out) {
        String[] args = new String[5 + SMALL_TRAINING.length];
        args[0] = "train";
        args[1] = "--data";
        args[2] = data;
        args[3] = "--out";
        args[4] = out.toString();
        System.arraycopy(SMALL_TRAINING, 0, args, 5, SMALL_TRAINING.length);
        return CliRun.run(args);
    }

    /** A folder in the MNIST layout with 20 train and 10 test images of 28x28 and their labels. */
    private static Path mnistLayout(String name) {
        Path dir = Fixtures.newDir(name).resolve("data");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Fixtures.writeIdx(Fixtures.spread(Fixtures.digits().train(), 20), dir, "train");
        Fixtures.writeIdx(Fixtures.spread(Fixtures.digits().test(), 10), dir, "t10k");
        return dir;
    }

    /** Nothing was written to {@code out}: it holds no files (a failed run may leave it empty). */
    private static void assertNothingWritten(Path out) {
        assertEquals(List.of(), Fixtures.entries(out), () -> out + " should hold nothing");
    }
}
