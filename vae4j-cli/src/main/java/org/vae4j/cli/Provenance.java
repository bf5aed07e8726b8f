package org.vae4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.vae4j.data.DataSources;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.io.AtomicFile;
import org.vae4j.io.Versions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where the results of a command that fits a model of its own (gmm, ppca, pca) came from, in the terms of a
 * saved model's model.json: the data's name, fingerprint ({@link DataSources#fingerprint} of the training
 * split) and split sizes, the seed, the versions of the libraries and of Java; and the command's settings,
 * every option as given or defaulted. The command adds its results to the same JSON object.
 */
final class Provenance {

    static final String FORMAT = "vae4j-results";
    static final int FORMAT_VERSION = 1;

    /** Options that are no setting: the seed has its own field; the others say where and how to show results. */
    private static final Set<String> NOT_SETTINGS = Set.of("--seed", "--out", "--quiet", "--json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Provenance() {
    }

    /**
     * {"format", "format_version", "command", "settings": {option: value}, "seed", "data": {"name",
     * "fingerprint", "train_size", "test_size"}, "versions": {"vae4j", "djl", "pytorch", "java"}}; settings
     * are named by their flag ("--test-fraction" is "test_fraction").
     */
    static ObjectNode of(CommandSpec command, DataSplit split, long seed) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.put("command", command.name());
        ObjectNode settings = root.putObject("settings");
        for (OptionSpec option : command.options()) {
            if (!option.usageHelp() && !option.versionHelp() && !NOT_SETTINGS.contains(option.longestName())) {
                put(settings, option.longestName().substring(2).replace('-', '_'), option);
            }
        }
        root.put("seed", seed);
        Dataset train = split.train();
        ObjectNode data = root.putObject("data");
        data.put("name", train.name());
        data.put("fingerprint", DataSources.fingerprint(train));
        data.put("train_size", train.n());
        data.put("test_size", split.test().n());
        ObjectNode versions = root.putObject("versions");
        versions.put("vae4j", Versions.VAE4J);
        versions.put("djl", Versions.DJL);
        versions.put("pytorch", Versions.PYTORCH);
        versions.put("java", System.getProperty("java.version"));
        return root;
    }

    /** Numbers and flags as such, anything else as the text given on the command line or its default. */
    private static void put(ObjectNode settings, String name, OptionSpec option) {
        Object value = option.getValue();
        if (value == null) {
            settings.putNull(name);
        } else if (value instanceof Boolean flag) {
            settings.put(name, flag);
        } else if (value instanceof Integer || value instanceof Long) {
            settings.put(name, ((Number) value).longValue());
        } else if (value instanceof Number number) {
            settings.put(name, number.doubleValue());
        } else if (value instanceof Collection<?> values) {
            ArrayNode array = settings.putArray(name);
            values.forEach(v -> array.add(String.valueOf(v)));
        } else {
            List<String> given = option.originalStringValues();
            settings.put(name, given.isEmpty() ? option.defaultValueString() : given.get(given.size() - 1));
        }
    }

    /** Writes {@code json}, indented, to {@code file} atomically. */
    static void write(Path file, ObjectNode json) {
        String text;
        try {
            text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        AtomicFile.writeString(file, text);
    }
}
