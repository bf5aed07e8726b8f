package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.DataOptions;
import org.vae4j.data.DataSources;
import org.vae4j.data.DataSplit;
import org.vae4j.io.Versions;

/**
 * gmm, ppca and pca write what they computed with its provenance, as a trained model's model.json has it:
 * the fingerprint of the data read (computed here from the same data), its split sizes, the seed, the
 * settings given and the versions.
 */
class ProvenanceTest {

    /** The split of a CSV file as a command drawing it with {@code seed} reads it. */
    static DataSplit csvSplit(Path csv, long seed) {
        return DataSources.resolve(csv.toString(), new DataOptions(null, 0.2, null, seed, null));
    }

    /** The provenance every such file carries: format, command, seed, data and versions. */
    static void assertProvenance(JsonNode json, String command, DataSplit split, long seed) {
        assertEquals("vae4j-results", json.get("format").asText(), json::toPrettyString);
        assertEquals(1, json.get("format_version").asInt());
        assertEquals(command, json.get("command").asText());
        assertEquals(seed, json.get("seed").asLong());
        JsonNode data = json.get("data");
        assertEquals(DataSources.fingerprint(split.train()), data.get("fingerprint").asText(), json::toPrettyString);
        assertEquals(split.train().name(), data.get("name").asText());
        assertEquals(split.train().n(), data.get("train_size").asInt());
        assertEquals(split.test().n(), data.get("test_size").asInt());
        JsonNode versions = json.get("versions");
        assertEquals(Versions.VAE4J, versions.get("vae4j").asText());
        assertEquals(Versions.DJL, versions.get("djl").asText());
        assertEquals(Versions.PYTORCH, versions.get("pytorch").asText());
        assertEquals(System.getProperty("java.version"), versions.get("java").asText());
    }

    @Test
    void gmmWritesGmmJson(@TempDir Path dir) throws IOException {
        Path csv = GmmCommandTest.twoClusters(dir);
        Path out = dir.resolve("gmm");
        CliRun.run("gmm", "--data", csv.toString(), "--components", "2", "--covariance", "diag", "--iterations", "7",
                "--tolerance", "0", "--seed", "3", "--out", out.toString(), "--quiet").assertOk();
        JsonNode json = Fixtures.JSON.readTree(out.resolve("gmm.json").toFile());
        DataSplit split = csvSplit(csv, 3);
        assertProvenance(json, "gmm", split, 3);
        // the CSV's split is drawn with the seed: another seed reads other training rows
        assertNotEquals(DataSources.fingerprint(csvSplit(csv, 1).train()), json.at("/data/fingerprint").asText());
        JsonNode settings = json.get("settings");
        assertEquals(csv.toString(), settings.get("data").asText());
        assertEquals(2, settings.get("components").asInt());
        assertEquals("diag", settings.get("covariance").asText());
        assertEquals(7, settings.get("iterations").asInt());
        assertEquals(0.0, settings.get("tolerance").asDouble());
        assertEquals(1e-6, settings.get("regularization").asDouble());
        assertEquals(0, settings.get("pca").asInt());
        assertEquals(0.2, settings.get("test_fraction").asDouble());
        assertTrue(settings.get("label_column").isNull());
        assertEquals(List.of("components", "covariance", "data", "iterations", "label_column", "pca", "regularization", "resize",
                "test", "test_fraction", "tolerance"), fieldNames(settings), "no --out, --quiet or --seed");
        assertEquals(7, json.get("iterations_done").asInt());
        double trainLogLikelihood = json.get("log_likelihood").asDouble();
        List<String[]> curve = GmmCommandTest.csvRows(out.resolve("gmm.csv"));
        assertTrue(trainLogLikelihood >= Double.parseDouble(curve.get(curve.size() - 1)[1]) - 1e-9, json::toString);
        assertTrue(Double.isFinite(json.get("test_log_likelihood").asDouble()));
    }

    @Test
    void ppcaWritesPpcaJson(@TempDir Path dir) throws IOException {
        Path csv = PpcaCommandTest.twoFactors(dir);
        Path out = dir.resolve("ppca");
        CliRun.run("ppca", "--data", csv.toString(), "--latent", "2", "--iterations", "40", "--seed", "4",
                "--test-fraction", "0.3", "--out", out.toString(), "--quiet").assertOk();
        JsonNode json = Fixtures.JSON.readTree(out.resolve("ppca.json").toFile());
        DataSplit split = DataSources.resolve(csv.toString(), new DataOptions(null, 0.3, null, 4, null));
        assertProvenance(json, "ppca", split, 4);
        assertEquals(175, json.at("/data/train_size").asInt());
        JsonNode settings = json.get("settings");
        assertEquals(2, settings.get("latent").asInt());
        assertEquals(40, settings.get("iterations").asInt());
        assertEquals(1e-6, settings.get("tolerance").asDouble());
        assertEquals(0.3, settings.get("test_fraction").asDouble());
        // EM climbs to the closed form's maximum, never past it
        double closed = json.at("/closed_form/log_likelihood").asDouble();
        double em = json.at("/em/log_likelihood").asDouble();
        assertTrue(em <= closed + 1e-9 && em > closed - 1e-2, json::toPrettyString);
        assertTrue(json.at("/em/iterations").asInt() <= 40);
    }

    @Test
    void pcaWritesItsJsonBesideTheMapAndPrintsTheSame() throws IOException {
        Path data = Fixtures.smallDigits();
        Path png = Fixtures.newDir("pca-provenance").resolve("map.png");
        CliRun.run("pca", "--data", data.toString(), "--latent", "3", "--knn", "5", "--n", "50", "--out",
                png.toString()).assertOk();
        JsonNode written = Fixtures.JSON.readTree(png.resolveSibling("map.json").toFile());
        assertProvenance(written, "pca", DataSources.resolve(data.toString(), DataOptions.defaults()), 1);
        JsonNode settings = written.get("settings");
        assertEquals(3, settings.get("latent").asInt());
        assertEquals(5, settings.get("knn").asInt());
        assertEquals(50, settings.get("n").asInt());
        assertEquals(data.toString(), settings.get("data").asText());
        assertEquals(3, written.get("components").asInt());
        assertEquals(Fixtures.SMALL_TEST, written.get("n").asInt());

        String printed = CliRun.run("pca", "--data", data.toString(), "--latent", "3", "--knn", "5", "--n", "50",
                "--json").assertOk().out().strip();
        assertEquals(written, Fixtures.JSON.readTree(printed), "--json prints what --out writes beside the map");
    }

    @Test
    void theJsonGoesBesideThePicture() {
        assertEquals(Path.of("maps", "pca.json"), PcaCommand.jsonBeside(Path.of("maps", "pca.png")));
        assertEquals(Path.of("pca.json"), PcaCommand.jsonBeside(Path.of("pca.PNG")));
        assertEquals(Path.of("pca.json.json"), PcaCommand.jsonBeside(Path.of("pca.json")));
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }
}
