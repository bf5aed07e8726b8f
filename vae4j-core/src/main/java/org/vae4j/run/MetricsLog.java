package org.vae4j.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.TrainingListener;
import org.vae4j.error.InputException;
import org.vae4j.train.TrainConfig;
import org.vae4j.io.AtomicFile;

/**
 * metrics.jsonl: one JSON object per epoch, appended as each epoch ends, with {@code epoch},
 * {@code seconds} (training time of the epoch), {@code train_loss}, {@code test_loss} (-ELBO per
 * example, nats), {@code train_recon}, {@code train_kl}, {@code test_recon}, {@code test_kl},
 * {@code kl_weight}, {@code rss_mib}, and the {@code lr} and {@code batch} the epoch trained with (a resumed
 * run may change them).
 */
public final class MetricsLog implements TrainingListener {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final TrainConfig training;

    /** @param training the settings the epochs train with, whose learning rate and batch size each line records */
    public MetricsLog(Path file, TrainConfig training) {
        this.file = file;
        this.training = training;
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("epoch", m.epoch());
        line.put("seconds", round(m.seconds(), 4));
        line.put("train_loss", round(m.trainLoss(), 4));
        line.put("test_loss", round(m.testLoss(), 4));
        line.put("train_recon", round(m.trainRecon(), 4));
        line.put("train_kl", round(m.trainKl(), 4));
        line.put("test_recon", round(m.testRecon(), 4));
        line.put("test_kl", round(m.testKl(), 4));
        line.put("kl_weight", m.klWeight());
        if (!Double.isNaN(m.rssMiB())) {
            line.put("rss_mib", round(m.rssMiB(), 1));
        }
        line.put("lr", training.learningRate());
        line.put("batch", training.batchSize());
        if (m.testLayerKl().length > 1) {
            ArrayNode trainLayers = line.putArray("train_kl_layers");
            ArrayNode testLayers = line.putArray("test_kl_layers");
            for (int l = 0; l < m.testLayerKl().length; l++) {
                trainLayers.add(round(m.trainLayerKl()[l], 4));
                testLayers.add(round(m.testLayerKl()[l], 4));
            }
        }
        long before = size(file);
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a full disk may have taken part of the line: cut it off again, so the file holds whole lines
            try {
                if (before < 0) {
                    Files.deleteIfExists(file);
                } else {
                    truncate(file, before);
                }
            } catch (IOException ignored) {
                // the next resume drops a torn last line
            }
            throw InputException.of(file, "cannot write: " + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
            channel.force(true);
        }
    }

    /** Reads back every epoch of a metrics file (for curves over a resumed run). */
    public static List<EpochMetrics> read(Path file) {
        List<EpochMetrics> history = new ArrayList<>();
        if (!Files.exists(file)) {
            return history;
        }
        try {
            for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (text.isBlank()) {
                    continue;
                }
                JsonNode n = MAPPER.readTree(text);
                history.add(new EpochMetrics(n.path("epoch").asInt(), n.path("seconds").asDouble(),
                        n.path("train_loss").asDouble(), n.path("train_recon").asDouble(),
                        n.path("train_kl").asDouble(), n.path("test_loss").asDouble(),
                        n.path("test_recon").asDouble(), n.path("test_kl").asDouble(),
                        n.path("kl_weight").asDouble(), n.path("rss_mib").asDouble(Double.NaN),
                        doubles(n.path("train_kl_layers")), doubles(n.path("test_kl_layers"))));
            }
        } catch (IOException e) {
            throw InputException.of(file, "not a metrics file: " + e.getMessage());
        }
        return history;
    }

    /**
     * Drops the lines of epochs after {@code lastEpoch}, and a last line cut short: an epoch's line is
     * written before its checkpoint, so a run killed in between (or whose checkpoint did not fit on the
     * disk) leaves a line the model has not seen, which a resumed run would write again. The lines kept are
     * the file's first ones, so it is cut in place, which needs no free space.
     */
    public static void keepEpochsUpTo(Path file, int lastEpoch) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            List<String> kept = new ArrayList<>();
            long keepBytes = 0;
            boolean dropping = false;
            boolean prefix = true;
            int start = 0;
            for (int end = indexOf(bytes, start); end >= 0; start = end + 1, end = indexOf(bytes, start)) {
                String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
                if (text.isBlank() || MAPPER.readTree(text).path("epoch").asInt() <= lastEpoch) {
                    kept.add(text);
                    prefix &= !dropping;
                    keepBytes = prefix ? end + 1 : keepBytes;
                } else {
                    dropping = true;
                }
            }
            if (prefix) {
                if (keepBytes < bytes.length) {
                    truncate(file, keepBytes);
                }
            } else {
                AtomicFile.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
            }
        } catch (IOException e) {
            throw InputException.of(file, "not a metrics file: " + e.getMessage());
        }
    }

    /** The index of the first line break at or after {@code from}, or -1. */
    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The numbers of a JSON list, none for a missing field. */
    private static double[] doubles(JsonNode list) {
        double[] values = new double[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = list.get(i).asDouble();
        }
        return values;
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
