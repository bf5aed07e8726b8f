package org.vae4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import org.vae4j.model.PriorKind;
import org.vae4j.objective.GradientEstimator;
import org.vae4j.objective.ObjectiveKind;
import org.vae4j.train.TrainConfig;

/**
 * The model.json format, version {@value #FORMAT_VERSION}: written and read field by field. Version 2 added
 * the prior (model.prior, model.components) and the training objective (training.objective, k, estimator);
 * version 1 files load with their defaults.
 */
final class ModelJson {

    static final String FORMAT = "vae4j-model";
    static final int FORMAT_VERSION = 2;

    private ModelJson() {
    }

    static ObjectNode write(ObjectMapper json, ModelInfo info, String parametersSha256, String optimizerSha256) {
        ObjectNode root = describe(json, info);
        ObjectNode files = root.putObject("files");
        files.put("parameters_sha256", parametersSha256);
        if (optimizerSha256 != null) {
            files.put("optimizer_sha256", optimizerSha256);
        }
        return root;
    }

    /** Everything model.json says but the checksums of the files. */
    static ObjectNode describe(ObjectMapper json, ModelInfo info) {
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        ModelConfig c = info.config();
        ObjectNode model = root.putObject("model");
        model.put("kind", c.kind().id());
        model.put("height", c.height());
        model.put("width", c.width());
        model.put("latent", c.latentDim());
        ArrayNode hidden = model.putArray("hidden");
        c.hidden().forEach(hidden::add);
        model.put("likelihood", c.likelihood().id());
        model.put("sigma", c.sigma());
        model.put("classes", c.classes());
        model.put("prior", c.prior().id());
        model.put("components", c.components());
        TrainConfig t = info.training();
        ObjectNode training = root.putObject("training");
        training.put("epochs_done", info.epochsDone());
        training.put("epochs", t.epochs());
        training.put("batch", t.batchSize());
        training.put("lr", t.learningRate());
        training.put("beta", t.beta());
        training.put("warmup", t.warmupEpochs());
        training.put("binarize", t.binarize());
        training.put("seed", t.seed());
        training.put("objective", t.objective().id());
        training.put("k", t.k());
        training.put("estimator", t.estimator().id());
        DataInfo d = info.data();
        ObjectNode data = root.putObject("data");
        data.put("name", d.name());
        data.put("fingerprint", d.fingerprint());
        data.put("train_size", d.trainSize());
        data.put("test_size", d.testSize());
        if (d.scaleMin() != null) {
            ArrayNode min = data.putArray("scale_min");
            ArrayNode max = data.putArray("scale_max");
            for (int i = 0; i < d.scaleMin().length; i++) {
                min.add(d.scaleMin()[i]);
                max.add(d.scaleMax()[i]);
            }
        }
        ObjectNode versions = root.putObject("versions");
        versions.put("vae4j", Versions.VAE4J);
        versions.put("djl", Versions.DJL);
        versions.put("pytorch", Versions.PYTORCH);
        versions.put("java", System.getProperty("java.version"));
        return root;
    }

    /** @throws IllegalArgumentException naming the first missing or wrong field */
    static ModelInfo read(JsonNode root) {
        if (!FORMAT.equals(text(root, "format"))) {
            throw new IllegalArgumentException("not a vae4j model (format is '" + root.path("format").asText() + "')");
        }
        int version = integer(root, "format_version");
        if (version > FORMAT_VERSION) {
            throw new IllegalArgumentException("model format version " + version
                    + " is newer than this vae4j reads (" + FORMAT_VERSION + "); upgrade vae4j");
        }
        JsonNode m = node(root, "model");
        List<Integer> hidden = new ArrayList<>();
        node(m, "hidden").forEach(h -> hidden.add(h.asInt()));
        ModelConfig config = new ModelConfig(ModelKind.parse(text(m, "kind")), integer(m, "height"),
                integer(m, "width"), integer(m, "latent"), hidden, Likelihood.parse(text(m, "likelihood")),
                number(m, "sigma"), m.has("classes") ? integer(m, "classes") : 0,
                m.has("prior") ? PriorKind.parse(text(m, "prior")) : PriorKind.STANDARD,
                m.has("components") ? integer(m, "components") : 0);
        JsonNode t = node(root, "training");
        TrainConfig training = new TrainConfig(integer(t, "epochs"), integer(t, "batch"), number(t, "lr"),
                number(t, "beta"), integer(t, "warmup"), node(t, "binarize").asBoolean(), node(t, "seed").asLong(),
                t.has("objective") ? ObjectiveKind.parse(text(t, "objective")) : ObjectiveKind.ELBO,
                t.has("k") ? integer(t, "k") : 1,
                t.has("estimator") ? GradientEstimator.parse(text(t, "estimator")) : GradientEstimator.REPARAMETERIZATION);
        JsonNode d = node(root, "data");
        float[] min = d.has("scale_min") ? floats(d.get("scale_min")) : null;
        float[] max = d.has("scale_max") ? floats(d.get("scale_max")) : null;
        if ((min == null) != (max == null) || (min != null && (min.length != config.inputDim()
                || max.length != config.inputDim()))) {
            throw new IllegalArgumentException("data.scale_min/scale_max do not match the model's input size");
        }
        DataInfo data = new DataInfo(text(d, "name"), text(d, "fingerprint"), integer(d, "train_size"),
                integer(d, "test_size"), min, max);
        return new ModelInfo(config, training, integer(t, "epochs_done"), data);
    }

    static String parametersSha256(JsonNode root) {
        return text(node(root, "files"), "parameters_sha256");
    }

    static String optimizerSha256(JsonNode root) {
        JsonNode files = node(root, "files");
        return files.has("optimizer_sha256") ? files.get("optimizer_sha256").asText() : null;
    }

    private static JsonNode node(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return n;
    }

    private static String text(JsonNode parent, String field) {
        return node(parent, field).asText();
    }

    private static int integer(JsonNode parent, String field) {
        JsonNode n = node(parent, field);
        if (!n.canConvertToInt()) {
            throw new IllegalArgumentException("field '" + field + "' is not an integer");
        }
        return n.asInt();
    }

    private static double number(JsonNode parent, String field) {
        JsonNode n = node(parent, field);
        if (!n.isNumber()) {
            throw new IllegalArgumentException("field '" + field + "' is not a number");
        }
        return n.asDouble();
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) array.get(i).asDouble();
        }
        return values;
    }
}
