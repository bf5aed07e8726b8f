package org.vae4j.server;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.DataOptions;
import org.vae4j.data.DataSources;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.io.Png;
import org.vae4j.model.Hierarchy;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import org.vae4j.model.PriorKind;
import org.vae4j.run.Training;
import org.vae4j.train.TrainConfig;

/**
 * Tiny models trained in-test (seconds each), once per test JVM, each served on a free port of 127.0.0.1.
 * The folder they are saved in is deleted when the JVM exits; the servers and models are closed then too.
 */
final class Models {

    /** A model, the session over its test set, and the server serving it. */
    record Served(TrainedModel model, Session session, ExplorerServer server) {
        String url(String path) {
            return "http://127.0.0.1:" + server.port() + path;
        }
    }

    private static final Map<String, Served> SERVED = new HashMap<>();
    private static Path root;
    private static DataSplit smallDigits;

    private Models() {
    }

    /** A VAE with a 2-D latent on 600 digits. */
    static Served vae() {
        return served("vae", () -> train("vae", smallDigits(), ModelConfig.builder().latentDim(2).hidden(List.of(64))
                .build(), 10));
    }

    /** A class-conditional VAE, latent 3 (the map is a PCA). */
    static Served cvae() {
        return served("cvae", () -> train("cvae", smallDigits(), ModelConfig.builder().kind(ModelKind.CVAE).classes(10)
                .latentDim(3).hidden(List.of(64)).build(), 10));
    }

    /** A deterministic auto-encoder, latent 4. */
    static Served ae() {
        return served("ae", () -> train("ae", smallDigits(), ModelConfig.builder().kind(ModelKind.AE).latentDim(4)
                .hidden(List.of(64)).build(), 2));
    }

    /** A hierarchical VAE with layers of 4 and 2. */
    static Served hvae() {
        return served("hvae", () -> train("hvae", smallDigits(), ModelConfig.builder().kind(ModelKind.HVAE)
                .latents(List.of(4, 2)).hierarchy(Hierarchy.TOP_DOWN).hidden(List.of(64)).build(), 2));
    }

    /** A VAE with a learned mixture-of-Gaussians prior. */
    static Served mog() {
        return served("mog", () -> train("mog", smallDigits(), ModelConfig.builder().latentDim(2).hidden(List.of(64))
                .prior(PriorKind.MOG, 4).build(), 2));
    }

    /** A VAE on a folder of 12x12 colour PNGs in two class folders (reddish and bluish). */
    static Served colour() {
        return served("colour", () -> {
            Path dir = colourImages();
            DataSplit split = DataSources.resolve(dir.toString(), new DataOptions(null, 0.25, null, 1, null));
            return train("colour", split, ModelConfig.builder().shape(12, 12).channels(3).latentDim(2)
                    .hidden(List.of(32)).build(), 40);
        });
    }

    /** 600 train and 200 test digits spread over the classes. */
    static synchronized DataSplit smallDigits() {
        if (smallDigits == null) {
            DataSplit digits = DataSources.resolve(DataSources.DIGITS, DataOptions.defaults());
            smallDigits = new DataSplit(spread(digits.train(), 600), spread(digits.test(), 200), null, "digits");
        }
        return smallDigits;
    }

    static Dataset spread(Dataset d, int m) {
        int[] rows = new int[m];
        for (int i = 0; i < m; i++) {
            rows[i] = (int) ((long) i * d.n() / m);
        }
        return d.subset(rows);
    }

    private record Made(TrainedModel model, Dataset test, List<String> classNames) {
    }

    private static synchronized Served served(String name, Supplier<Made> make) {
        return SERVED.computeIfAbsent(name, n -> {
            Made made = make.get();
            Session session = Session.build(made.model(), made.test(), made.classNames(), 20, 1);
            ExplorerServer server = ExplorerServer.start(session, "127.0.0.1", 0);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            return new Served(made.model(), session, server);
        });
    }

    private static Made train(String name, DataSplit data, ModelConfig config, int epochs) {
        Path run = newDir(name).resolve("run");
        TrainConfig settings = TrainConfig.defaults().withEpochs(epochs);
        try (Training training = Training.builder().data(data).model(config).training(settings).runFolder(run)
                .build()) {
            training.fit();
        }
        return new Made(TrainedModel.load(run), data.test(), data.classNames());
    }

    private static Path colourImages() {
        Path dir = newDir("colour");
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 48; i++) {
            int label = i % 2;
            BufferedImage image = new BufferedImage(12, 12, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 12; y++) {
                for (int x = 0; x < 12; x++) {
                    int strong = 150 + random.nextInt(100);
                    int weak = random.nextInt(60);
                    boolean inside = Math.abs(x - 6) + Math.abs(y - 6) < 3 + (i % 5);
                    int r = label == 0 ? (inside ? strong : weak) : weak;
                    int b = label == 1 ? (inside ? strong : weak) : weak;
                    image.setRGB(x, y, (r << 16) | (weak / 2 << 8) | b);
                }
            }
            Path file = dir.resolve(label == 0 ? "red" : "blue").resolve("img" + i + ".png");
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Png.write(image, file);
        }
        return dir;
    }

    static synchronized Path newDir(String prefix) {
        try {
            if (root == null) {
                root = Files.createTempDirectory("vae4j-server-test-");
                Path dir = root;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            }
            return Files.createTempDirectory(root, prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: a temporary folder
        }
    }
}
