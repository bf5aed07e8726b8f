package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vae4j.dist.RngStreams;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * An option several commands share is declared once (a mixin), so it has one description; its flag,
 * default and behaviour are those it had in each command.
 */
class SharedOptionsTest {

    /** Every command but picocli's help, by name. */
    static Map<String, CommandSpec> commands() {
        Map<String, CommandSpec> commands = new TreeMap<>();
        Main.commandLine().getSubcommands().forEach((name, cli) -> {
            if (!name.equals("help")) {
                commands.put(name, cli.getCommandSpec());
            }
        });
        return commands;
    }

    /** "Class.field" of the field that declares option {@code name} of {@code command}. */
    static String declaration(CommandSpec command, String name) {
        OptionSpec option = command.findOption(name);
        assertNotNull(option, () -> command.name() + " has no " + name);
        Field field = (Field) option.userObject();
        return field.getDeclaringClass().getSimpleName() + "." + field.getName();
    }

    static void assertDeclaredOnce(String name, List<String> commandNames) {
        Map<String, CommandSpec> commands = commands();
        Set<String> places = commandNames.stream().map(c -> declaration(commands.get(c), name))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(1, places.size(), () -> name + " of " + commandNames + " is declared in " + places);
    }

    @Test
    void everyCommandWithTheseOptionsTakesThemFromOnePlace() {
        for (String name : List.of("--seed", "--quiet", "--png", "--threads", "--tolerance", "--label-column",
                "--test-fraction", "--test")) {
            List<String> having = commands().entrySet().stream().filter(e -> e.getValue().findOption(name) != null)
                    .map(Map.Entry::getKey).toList();
            assertFalse(having.isEmpty(), name);
            assertDeclaredOnce(name, having);
        }
        assertEquals(13, commands().values().stream().filter(c -> c.findOption("--seed") != null).count());
        assertEquals(10, commands().values().stream().filter(c -> c.findOption("--quiet") != null).count());
    }

    @Test
    void eachKindOfSharedOptionIsDeclaredOnce() {
        // --out: a picture; a folder of files; images (IDX or PNGs)
        assertDeclaredOnce("--out", List.of("sample", "reconstruct", "analogy", "map", "manifold", "interpolate"));
        assertDeclaredOnce("--out", List.of("gmm", "ppca", "gradvar", "compare"));
        assertDeclaredOnce("--out", List.of("binarize", "decompress"));
        // a trained model, and the data (train's --model is the kind of model to train)
        List<String> withModel = commands().entrySet().stream().filter(e -> e.getValue().findOption("--model") != null
                && !e.getKey().equals("train")).map(Map.Entry::getKey).toList();
        assertEquals(15, withModel.size(), withModel::toString);
        assertDeclaredOnce("--model", withModel);
        List<String> withData = commands().entrySet().stream().filter(e -> e.getValue().findOption("--data") != null
                && e.getValue().findOption("--data").required()).map(Map.Entry::getKey).toList();
        assertEquals(14, withData.size(), withData::toString);
        assertDeclaredOnce("--data", withData);
        assertDeclaredOnce("--k", List.of("evaluate", "compare", "refine"));
        assertDeclaredOnce("--n", List.of("map", "pca"));
        assertDeclaredOnce("--knn", List.of("map", "pca"));
    }

    @Test
    void theDefaultsAreThoseEachCommandHad() {
        commands().forEach((name, command) -> {
            OptionSpec seed = command.findOption("--seed");
            if (seed != null) {
                assertEquals(name.equals("binarize") ? Long.toString(RngStreams.BINARIZATION_SEED) : "1",
                        seed.defaultValueString(), name);
            }
        });
        Map<String, CommandSpec> commands = commands();
        assertEquals("2", commands.get("compress").findOption("--threads").defaultValueString());
        assertEquals("2", commands.get("decompress").findOption("--threads").defaultValueString());
        for (String name : List.of("evaluate", "compare", "refine")) {
            assertEquals("1000", commands.get(name).findOption("--k").defaultValueString(), name);
        }
        assertEquals("1e-6", commands.get("gmm").findOption("--tolerance").defaultValueString());
        assertEquals("1e-6", commands.get("ppca").findOption("--tolerance").defaultValueString());
        // --n left out: all test examples (it was 0 before --n meant the stratified subset of every command)
        assertEquals(null, commands.get("map").findOption("--n").defaultValue());
        // --knn left out: no k-NN score (it was 0 meaning "off" before 0 became a refused value)
        assertEquals(null, commands.get("pca").findOption("--knn").defaultValue());
    }

    /** binarize's --seed defaults to the library's binarization seed, not the shared option's 1. */
    @Test
    void binarizeDrawsWithTheBinarizationSeedByDefault() throws IOException {
        String in = Fixtures.smallDigits().resolve("t10k-images-idx3-ubyte").toString();
        Path dir = Fixtures.newDir("binarize-seed");
        CliRun.run("binarize", "--in", in, "--out", dir.resolve("default").toString()).assertOk();
        CliRun.run("binarize", "--in", in, "--out", dir.resolve("named").toString(), "--seed",
                Long.toString(RngStreams.BINARIZATION_SEED)).assertOk();
        CliRun.run("binarize", "--in", in, "--out", dir.resolve("one").toString(), "--seed", "1").assertOk();
        byte[] byDefault = Files.readAllBytes(dir.resolve("default"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("named")), byDefault);
        assertFalse(Arrays.equals(Files.readAllBytes(dir.resolve("one")), byDefault));
    }
}
