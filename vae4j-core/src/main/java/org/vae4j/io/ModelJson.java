package org.vae4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import org.vae4j.model.PriorKind;
import org.vae4j.objective.GradientEstimator;
import org.vae4j.objective.ObjectiveKind;
import org.vae4j.train.TrainConfig;
import org.vae4j.model.Hierarchy;
import org.vae4j.model.Architecture;
import org.vae4j.data.ImageSize;

/**
 * The model.json format, version {@value #FORMAT_VERSION}: written and read field by field, and every
 * object must hold exactly the fields of its version. Version 1 had no prior (model.classes, prior and
 * components) and no objective (training.objective, k, estimator), though later version-1 files may
 * hold them; version 2 requires them; both keep the checksums of the parameter files in model.json
 * (files.parameters_sha256, files.optimizer_sha256). Version 3 moves the checksums to the folder's
 * manifest, which covers model.json too ({@link Manifest}). Version 4 describes the models of any image and
 * depth: model.channels, model.latents (the stochastic layers' sizes, in place of model.latent),
 * model.architecture, model.filters and model.hierarchy, and the data's optional class_names and resize, and training.free_bits.
 * Version 5 has version 4's fields; its top-down hierarchical VAEs decode from every layer (p(x|z_1..L)), so
 * a top-down model of version 4 (decoding from z_1 alone) is refused with one line.
 */
final class ModelJson {

    static final String FORMAT = "vae4j-model";
    static final int FORMAT_VERSION = 5;
    /** The first version whose checksums are in the manifest, not in model.json. */
    static final int MANIFEST_VERSION = 3;

    private static final Set<String> ROOT = Set.of("format", "format_version", "model", "training", "data",
            "versions");
    private static final Set<String> MODEL = Set.of("kind", "height", "width", "latent", "hidden", "likelihood",
            "sigma");
    private static final Set<String> MODEL_SINCE_2 = Set.of("classes", "prior", "components");
    /** Version 4's model fields: "latents" replaces "latent". */
    private static final Set<String> MODEL_4 = Set.of("kind", "height", "width", "channels", "latents", "hidden",
            "likelihood", "sigma", "classes", "prior", "components", "architecture", "filters", "hierarchy");
    private static final Set<String> DATA_IMAGES = Set.of("class_names", "resize");
    private static final Set<String> TRAINING = Set.of("epochs_done", "epochs", "batch", "lr", "beta", "warmup",
            "binarize", "seed");
    private static final Set<String> TRAINING_SINCE_2 = Set.of("objective", "k", "estimator");
    private static final Set<String> TRAINING_SINCE_4 = Set.of("free_bits");
    private static final Set<String> DATA = Set.of("name", "fingerprint", "train_size", "test_size");
    private static final Set<String> DATA_SCALING = Set.of("scale_min", "scale_max");
    private static final Set<String> VERSIONS = Set.of("vae4j", "djl", "pytorch", "java");
    private static final Set<String> FILES = Set.of("parameters_sha256");
    private static final Set<String> FILES_OPTIMIZER = Set.of("optimizer_sha256");

    private ModelJson() {
    }

    /** model.json of the current format (its files' checksums go to the manifest). */
    static ObjectNode write(ObjectMapper json, ModelInfo info) {
        return describe(json, info);
    }

    /** Everything model.json says (in format 3, all of it). */
    static ObjectNode describe(ObjectMapper json, ModelInfo info) {
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        ModelConfig c = info.config();
        ObjectNode model = root.putObject("model");
        model.put("kind", c.kind().id());
        model.put("height", c.height());
        model.put("width", c.width());
        model.put("channels", c.channels());
        ArrayNode latents = model.putArray("latents");
        c.latents().forEach(latents::add);
        ArrayNode hidden = model.putArray("hidden");
        c.hidden().forEach(hidden::add);
        model.put("likelihood", c.likelihood().id());
        model.put("sigma", c.sigma());
        model.put("classes", c.classes());
        model.put("prior", c.prior().id());
        model.put("components", c.components());
        model.put("architecture", c.architecture().id());
        ArrayNode filters = model.putArray("filters");
        c.filters().forEach(filters::add);
        model.put("hierarchy", c.hierarchy().id());
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
        training.put("free_bits", t.freeBits());
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
        if (d.classNames() != null) {
            ArrayNode names = data.putArray("class_names");
            d.classNames().forEach(names::add);
        }
        if (d.resize() != null) {
            data.putArray("resize").add(d.resize().height()).add(d.resize().width());
        }
        ObjectNode versions = root.putObject("versions");
        versions.put("vae4j", Versions.VAE4J);
        versions.put("djl", Versions.DJL);
        versions.put("pytorch", Versions.PYTORCH);
        versions.put("java", System.getProperty("java.version"));
        return root;
    }

    /** The format version of a model.json that {@link #read} accepts. */
    static int version(JsonNode root) {
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new IllegalArgumentException("not a vae4j model (format is " + quote(root.path("format").asText())
                    + ")");
        }
        int version = integer(root, "format_version");
        if (version > FORMAT_VERSION) {
            throw new IllegalArgumentException("model format version " + version
                    + " is newer than this vae4j reads (" + FORMAT_VERSION + "); upgrade vae4j");
        }
        if (version < 1) {
            throw new IllegalArgumentException("model format version " + version + " does not exist");
        }
        return version;
    }

    /** @throws IllegalArgumentException naming the first unknown, missing or wrong field */
    static ModelInfo read(JsonNode root) {
        int version = version(root);
        boolean since2 = version >= 2;
        fields(root, "", version < MANIFEST_VERSION ? union(ROOT, Set.of("files")) : ROOT, Set.of());
        boolean since4 = version >= 4;
        JsonNode m = fields(node(root, "model"), "model.", since4 ? MODEL_4 : since2 ? union(MODEL, MODEL_SINCE_2) : MODEL,
                since2 ? Set.of() : MODEL_SINCE_2);
        List<Integer> hidden = integers(m, "hidden", "model.");
        ModelConfig config;
        if (since4) {
            config = new ModelConfig(ModelKind.parse(text(m, "kind")), integer(m, "height"), integer(m, "width"),
                    integer(m, "channels"), integers(m, "latents", "model."), hidden, Likelihood.parse(text(m, "likelihood")),
                    number(m, "sigma"), integer(m, "classes"), PriorKind.parse(text(m, "prior")),
                    integer(m, "components"), Architecture.parse(text(m, "architecture")), integers(m, "filters", "model."),
                    hierarchy(text(m, "hierarchy")));
            if (version == 4 && config.hierarchy() == Hierarchy.TOP_DOWN) {
                throw new IllegalArgumentException("a top-down hierarchical VAE of format 4 decodes from z_1 alone, "
                        + "which this vae4j no longer builds (format 5 decodes from every layer); retrain it");
            }
        } else {
            config = new ModelConfig(ModelKind.parse(text(m, "kind")), integer(m, "height"),
                    integer(m, "width"), integer(m, "latent"), hidden, Likelihood.parse(text(m, "likelihood")),
                    number(m, "sigma"), m.has("classes") ? integer(m, "classes") : 0,
                    m.has("prior") ? PriorKind.parse(text(m, "prior")) : PriorKind.STANDARD,
                    m.has("components") ? integer(m, "components") : 0);
        }
        JsonNode t = fields(node(root, "training"), "training.", since4 ? union(union(TRAINING, TRAINING_SINCE_2),
                TRAINING_SINCE_4) : since2 ? union(TRAINING, TRAINING_SINCE_2) : TRAINING,
                since2 ? Set.of() : TRAINING_SINCE_2);
        TrainConfig training = new TrainConfig(integer(t, "epochs"), integer(t, "batch"), number(t, "lr"),
                number(t, "beta"), integer(t, "warmup"), bool(t, "binarize"), longInteger(t, "seed"),
                t.has("objective") ? ObjectiveKind.parse(text(t, "objective")) : ObjectiveKind.ELBO,
                t.has("k") ? integer(t, "k") : 1,
                t.has("estimator") ? GradientEstimator.parse(text(t, "estimator")) : GradientEstimator.REPARAMETERIZATION,
                since4 ? number(t, "free_bits") : 0);
        JsonNode d = fields(node(root, "data"), "data.", DATA, since4 ? union(DATA_SCALING, DATA_IMAGES) : DATA_SCALING);
        float[] min = d.has("scale_min") ? floats(d, "scale_min") : null;
        float[] max = d.has("scale_max") ? floats(d, "scale_max") : null;
        if ((min == null) != (max == null) || (min != null && (min.length != config.inputDim()
                || max.length != config.inputDim()))) {
            throw new IllegalArgumentException("data.scale_min/scale_max do not match the model's input size");
        }
        List<String> classNames = null;
        if (d.has("class_names")) {
            classNames = new ArrayList<>();
            for (JsonNode name : array(d, "class_names")) {
                if (!name.isTextual()) {
                    throw new IllegalArgumentException("field 'data.class_names' holds " + quote(name.toString())
                            + ", not a string");
                }
                classNames.add(name.asText());
            }
        }
        ImageSize resize = null;
        if (d.has("resize")) {
            List<Integer> side = integers(d, "resize", "data.");
            if (side.size() != 2) {
                throw new IllegalArgumentException("field 'data.resize' holds " + side.size() + " values, not 2");
            }
            resize = new ImageSize(side.get(0), side.get(1));
        }
        DataInfo data = new DataInfo(text(d, "name"), text(d, "fingerprint"), integer(d, "train_size"),
                integer(d, "test_size"), min, max, classNames, resize);
        JsonNode versions = fields(node(root, "versions"), "versions.", VERSIONS, Set.of());
        VERSIONS.forEach(name -> text(versions, name));
        if (version < MANIFEST_VERSION) {
            JsonNode files = fields(node(root, "files"), "files.", FILES, FILES_OPTIMIZER);
            text(files, "parameters_sha256");
        }
        return new ModelInfo(config, training, integer(t, "epochs_done"), data);
    }

    /** The checksum of parameters.bin in a model.json of format 1 or 2. */
    static String parametersSha256(JsonNode root) {
        return text(node(root, "files"), "parameters_sha256");
    }

    /** The checksum of optimizer.bin in a model.json of format 1 or 2, null if it names none. */
    static String optimizerSha256(JsonNode root) {
        JsonNode files = node(root, "files");
        return files.has("optimizer_sha256") ? text(files, "optimizer_sha256") : null;
    }

    /**
     * @param where the object's path and a dot ("model."), or "" for the root
     * @return the object, which holds every required field, perhaps optional ones and nothing else
     */
    private static JsonNode fields(JsonNode object, String where, Set<String> required, Set<String> optional) {
        if (!object.isObject()) {
            throw new IllegalArgumentException("field '" + where.replaceAll("\\.$", "") + "' is not an object");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!required.contains(name) && !optional.contains(name)) {
                throw new IllegalArgumentException("unknown field " + quote(where + name));
            }
        }
        for (String name : new TreeSet<>(required)) {
            if (!object.has(name)) {
                throw new IllegalArgumentException("missing field '" + where + name + "'");
            }
        }
        return object;
    }

    /** A list of integers; {@code where} is the object's path and a dot ("model."). */
    private static List<Integer> integers(JsonNode parent, String field, String where) {
        List<Integer> values = new ArrayList<>();
        for (JsonNode v : array(parent, field)) {
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new IllegalArgumentException("field '" + where + field + "' holds " + quote(v.toString())
                        + ", not an integer");
            }
            values.add(v.asInt());
        }
        return values;
    }

    /** "none", "bottom-up" or "top-down". */
    private static Hierarchy hierarchy(String text) {
        return text.equals(Hierarchy.NONE.id()) ? Hierarchy.NONE : Hierarchy.parse(text);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static JsonNode node(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return n;
    }

    /** The field, which must be of the kind that {@code is} accepts ("a string", "an integer"). */
    private static JsonNode typed(JsonNode parent, String field, Predicate<JsonNode> is, String kind) {
        JsonNode n = node(parent, field);
        if (!is.test(n)) {
            throw new IllegalArgumentException("field '" + field + "' is not " + kind);
        }
        return n;
    }

    private static String text(JsonNode parent, String field) {
        return typed(parent, field, JsonNode::isTextual, "a string").asText();
    }

    private static int integer(JsonNode parent, String field) {
        long value = longInteger(parent, field);
        if (value != (int) value) {
            throw new IllegalArgumentException("field '" + field + "' is out of range: " + value);
        }
        return (int) value;
    }

    private static long longInteger(JsonNode parent, String field) {
        return typed(parent, field, n -> n.isIntegralNumber() && n.canConvertToLong(), "an integer").asLong();
    }

    private static double number(JsonNode parent, String field) {
        return typed(parent, field, JsonNode::isNumber, "a number").asDouble();
    }

    private static boolean bool(JsonNode parent, String field) {
        return typed(parent, field, JsonNode::isBoolean, "true or false").asBoolean();
    }

    private static JsonNode array(JsonNode parent, String field) {
        return typed(parent, field, JsonNode::isArray, "a list");
    }

    private static float[] floats(JsonNode parent, String field) {
        JsonNode array = array(parent, field);
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            if (!array.get(i).isNumber()) {
                throw new IllegalArgumentException("field '" + field + "' holds " + quote(array.get(i).toString())
                        + ", not a number");
            }
            values[i] = (float) array.get(i).asDouble();
        }
        return values;
    }

    /**
     * @return text in single quotes, cut to 40 characters, with anything but printable ASCII escaped, so a
     *     damaged file cannot put control characters in an error line
     */
    private static String quote(String text) {
        StringBuilder shown = new StringBuilder("'");
        for (int i = 0; i < text.length() && i < 40; i++) {
            char c = text.charAt(i);
            shown.append(c >= 0x20 && c < 0x7f && c != '\\' ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return shown.append(text.length() > 40 ? "...'" : "'").toString();
    }
}
