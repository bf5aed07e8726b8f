package org.vae4j.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.vae4j.api.Encoding;
import org.vae4j.api.Projection;
import org.vae4j.api.Scores;
import org.vae4j.api.Scoring;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.Dataset;
import org.vae4j.io.ModelStore;

/**
 * What the explorer knows of its model and test set, computed once before the server starts: the test
 * examples' codes, their 2-D map ({@link TrainedModel#project2d}), each example's scores, the least likely
 * examples, and the JSON of /api/model and /api/map. Immutable after: request threads only read it.
 *
 * <p>Threads: the one {@link TrainedModel} is shared by every request thread. Its parameters are read-only,
 * each call computes in its own sub-manager and returns plain arrays, and the core turns autograd off on
 * each thread that calls it ({@code org.vae4j.host.EngineThreads}), so concurrent requests need no lock.
 */
public final class Session {

    private final TrainedModel model;
    private final Dataset test;
    private final List<String> classNames;
    private final Encoding codes;
    private final Projection projection;
    private final float[] points;
    private final Scores scores;
    private final List<Scores.Ranked> leastLikely;
    private final String modelJson;
    private final String mapJson;

    private Session(TrainedModel model, Dataset test, List<String> classNames, int k, long seed) {
        this.model = model;
        this.test = test;
        this.classNames = classNames == null ? null : List.copyOf(classNames);
        if (model.latentDim() < 2) {
            throw new IllegalArgumentException("the model's latent has 1 dimension; the explorer's map needs 2 or more");
        }
        this.codes = model.encode(test);
        this.projection = model.project2d(codes);
        this.points = projection.apply(codes);
        this.scores = model.score(test, new Scoring(k, seed, done -> { }));
        this.leastLikely = scores.leastLikely(Limits.MAX_LEAST_LIKELY);
        this.modelJson = Json.write(describeModel(k));
        this.mapJson = Json.write(describeMap());
    }

    /**
     * Encodes, maps and scores {@code test} (k importance samples per example, noise from {@code seed}).
     *
     * @param classNames the name of each class for the legend, or null to show the labels
     */
    public static Session build(TrainedModel model, Dataset test, List<String> classNames, int k, long seed) {
        return new Session(model, test, classNames, k, seed);
    }

    public TrainedModel model() {
        return model;
    }

    /** The test examples mapped, as read (not binarized). */
    public Dataset test() {
        return test;
    }

    public Encoding codes() {
        return codes;
    }

    public Projection projection() {
        return projection;
    }

    /** The map's points, n * 2 values. */
    public float[] points() {
        return points;
    }

    public Scores scores() {
        return scores;
    }

    /** The {@value Limits#MAX_LEAST_LIKELY} least likely examples, least likely first. */
    List<Scores.Ranked> leastLikely() {
        return leastLikely;
    }

    String modelJson() {
        return modelJson;
    }

    String mapJson() {
        return mapJson;
    }

    /** The name of a class for the legend. */
    String className(int label) {
        return classNames != null && label < classNames.size() ? classNames.get(label) : String.valueOf(label);
    }

    private ObjectNode describeModel(int k) {
        ObjectMapper json = Json.MAPPER;
        ObjectNode root = json.createObjectNode();
        root.put("kind", model.config().kind().id());
        root.put("variational", model.isVariational());
        root.put("latentDim", model.latentDim());
        root.put("classes", model.classes());
        root.put("height", model.config().height());
        root.put("width", model.config().width());
        root.put("channels", model.config().channels());
        root.put("parameters", model.parameterCount());
        root.put("data", model.info().data().name());
        root.put("examples", test.n());
        root.put("k", model.isVariational() ? k : 0);
        ObjectNode map = root.putObject("projection");
        map.put("pca", !projection.isIdentity());
        map.put("explained", projection.explained());
        ArrayNode names = root.putArray("classNames");
        int classes = Math.max(model.classes(), maxLabel() + 1);
        for (int y = 0; y < classes; y++) {
            names.add(className(y));
        }
        ArrayNode spread = root.putArray("codeVariance");
        for (double v : codeVariance()) {
            spread.add(v);
        }
        ObjectNode limits = root.putObject("limits");
        limits.put("bodyBytes", Limits.MAX_BODY_BYTES);
        limits.put("images", Limits.MAX_IMAGES);
        limits.put("codes", Limits.MAX_CODES);
        limits.put("samples", Limits.MAX_SAMPLES);
        limits.put("k", Limits.MAX_K);
        limits.put("imageSamples", Limits.MAX_IMAGE_SAMPLES);
        limits.put("steps", Limits.MAX_STEPS);
        limits.put("gridSide", Limits.MAX_GRID);
        limits.put("leastLikely", Limits.MAX_LEAST_LIKELY);
        root.set("model", ModelStore.describe(model.info()));
        return root;
    }

    private ObjectNode describeMap() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("n", test.n());
        root.put("pca", !projection.isIdentity());
        root.put("explained", projection.explained());
        ArrayNode xy = root.putArray("points");
        for (float v : points) {
            xy.add(v);
        }
        if (test.hasLabels()) {
            ArrayNode labels = root.putArray("labels");
            for (int y : test.labels()) {
                labels.add(y);
            }
        } else {
            root.putNull("labels");
        }
        return root;
    }

    /**
     * The variance over the test set of each dimension of the codes (posterior means): the page offers the
     * two most active dimensions for the latent grid first (an inactive one decodes the same everywhere).
     */
    private double[] codeVariance() {
        int l = codes.latentDim();
        int n = codes.n();
        double[] sum = new double[l];
        double[] sumSq = new double[l];
        float[] mean = codes.mean();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < l; k++) {
                double v = mean[i * l + k];
                sum[k] += v;
                sumSq[k] += v * v;
            }
        }
        double[] variance = new double[l];
        for (int k = 0; k < l; k++) {
            double m = sum[k] / n;
            variance[k] = Math.max(0, sumSq[k] / n - m * m);
        }
        return variance;
    }

    private int maxLabel() {
        int max = -1;
        if (test.hasLabels()) {
            for (int y : test.labels()) {
                max = Math.max(max, y);
            }
        }
        return max;
    }
}
