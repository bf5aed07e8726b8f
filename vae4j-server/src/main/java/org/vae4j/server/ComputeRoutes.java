package org.vae4j.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;
import org.vae4j.api.Encoding;
import org.vae4j.api.Images;
import org.vae4j.api.Interpolation;
import org.vae4j.api.LatentGrid;
import org.vae4j.api.Scores;
import org.vae4j.api.Scoring;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.Dataset;
import org.vae4j.io.ImageGrid;
import org.vae4j.io.Png;

/** The routes that compute: encode, decode, sample, score, interpolate, grid. Each calls the library once. */
final class ComputeRoutes {

    private static final Set<String> ENCODE = Set.of("images", "label", "labels");
    private static final Set<String> DECODE = Set.of("codes", "points", "label", "labels", "values");
    private static final Set<String> SAMPLE = Set.of("n", "seed", "labels", "values");
    private static final Set<String> SCORE = Set.of("images", "label", "labels", "k", "seed");
    private static final Set<String> INTERPOLATE = Set.of("from", "to", "steps", "kind", "label", "values");
    private static final Set<String> END = Set.of("index", "code", "point");
    private static final Set<String> GRID = Set.of("size", "range", "across", "up", "base", "label", "values");

    /** The largest grid range R: codes of a standard normal prior lie well inside. */
    static final double MAX_RANGE = 10;

    private final Session session;
    private final TrainedModel model;

    ComputeRoutes(Session session) {
        this.session = session;
        this.model = session.model();
    }

    void register(RoutesConfig routes) {
        routes.post("/api/encode", this::encode);
        routes.post("/api/decode", this::decode);
        routes.post("/api/sample", this::sample);
        routes.post("/api/score", this::score);
        routes.post("/api/interpolate", this::interpolate);
        routes.post("/api/grid", this::grid);
    }

    private static RequestBody body(Context ctx, Set<String> fields) {
        try {
            return RequestBody.read(ctx.req().getInputStream(), ctx.req().getContentLengthLong(), fields);
        } catch (java.io.IOException e) {
            throw HttpError.badRequest("the body could not be read: " + e.getMessage());
        }
    }

    /** images -> means and log-variances (an auto-encoder: its codes, logVar null) and map points. */
    private void encode(Context ctx) {
        RequestBody body = body(ctx, ENCODE);
        Dataset data = images(body);
        Encoding codes = model.encode(data);
        ObjectNode root = Json.MAPPER.createObjectNode();
        int l = codes.latentDim();
        root.set("mean", Json.rows(codes.mean(), codes.n(), l));
        if (codes.hasLogVar()) {
            root.set("logVar", Json.rows(codes.logVar(), codes.n(), l));
        } else {
            root.putNull("logVar");
        }
        root.set("points", Json.rows(session.projection().apply(codes), codes.n(), 2));
        ExplorerServer.json(ctx, Json.write(root));
    }

    /** codes, or points of the map (placed back by the map's projection) -> decoder means. */
    private void decode(Context ctx) {
        RequestBody body = body(ctx, DECODE);
        if (body.has("codes") == body.has("points")) {
            throw HttpError.badRequest("give \"codes\" (lists of " + model.latentDim() + " numbers) or \"points\" (lists "
                    + "of 2 map coordinates), one of the two");
        }
        float[] codes;
        int n;
        if (body.has("codes")) {
            codes = body.rows("codes", model.latentDim(), Limits.MAX_CODES, false);
            n = body.count("codes");
        } else {
            float[] points = body.rows("points", 2, Limits.MAX_CODES, false);
            n = points.length / 2;
            codes = session.projection().invert(points, n);
        }
        int[] labels = Conditions.labels(body, model, n);
        Images images = model.decode(codes, n, labels);
        ObjectNode root = Json.images(images, body.flag("values", true));
        root.set("codes", Json.rows(codes, n, model.latentDim()));
        ExplorerServer.json(ctx, Json.write(root));
    }

    /** n samples of the prior; a class-conditional model: with "labels", else sample i with label i mod C. */
    private void sample(Context ctx) {
        RequestBody body = body(ctx, SAMPLE);
        if (!model.isVariational()) {
            throw HttpError.badRequest("an auto-encoder has no prior to sample from");
        }
        int n = body.integer("n", 16, 1, Limits.MAX_SAMPLES);
        long seed = body.seed("seed", 1);
        Images images;
        if (body.has("labels")) {
            images = model.sample(Conditions.labels(body, model, n), seed);
        } else {
            images = model.sample(n, seed);
        }
        ExplorerServer.json(ctx, Json.write(Json.images(images, body.flag("values", true))));
    }

    /** images -> per example -ELBO, its terms, IWAE -log p(x) with k samples, bits per dimension. */
    private void score(Context ctx) {
        RequestBody body = body(ctx, SCORE);
        int k = body.integer("k", 100, 1, Limits.MAX_K);
        Dataset data = images(body);
        if ((long) data.n() * k > Limits.MAX_IMAGE_SAMPLES) {
            throw HttpError.badRequest(data.n() + " images x k = " + k + " is " + (long) data.n() * k
                    + " decoder passes; at most " + Limits.MAX_IMAGE_SAMPLES);
        }
        Scores scores = model.score(data, new Scoring(k, body.seed("seed", 1), done -> { }));
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("k", scores.k());
        ArrayNode list = root.putArray("examples");
        for (int i = 0; i < scores.n(); i++) {
            putScores(list.addObject(), scores, i);
        }
        ExplorerServer.json(ctx, Json.write(root));
    }

    /**
     * The decoded path between two ends, each a test example {"index": i}, a code {"code": [...]} or a map
     * point {"point": [x, y]}. Between two examples of a class-conditional model with no "label" given, the
     * library blends their labels along the path.
     */
    private void interpolate(Context ctx) {
        RequestBody body = body(ctx, INTERPOLATE);
        int steps = body.integer("steps", 8, 2, Limits.MAX_STEPS);
        Interpolation kind = body.choice("kind", "linear", "linear", "spherical").equals("linear")
                ? Interpolation.LINEAR : Interpolation.SPHERICAL;
        RequestBody from = body.object("from", END);
        RequestBody to = body.object("to", END);
        Integer fromIndex = index(from);
        Integer toIndex = index(to);
        Images images;
        float[] path;
        if (fromIndex != null && toIndex != null && !body.has("label")) {
            images = model.interpolate(session.test(), fromIndex, toIndex, steps, kind);
            path = kind.path(session.codes().code(fromIndex), session.codes().code(toIndex), steps);
        } else {
            path = kind.path(end(from, fromIndex), end(to, toIndex), steps);
            images = model.decode(path, steps, Conditions.labels(body, model, steps));
        }
        ObjectNode root = Json.images(images, body.flag("values", true));
        root.set("codes", Json.rows(path, steps, model.latentDim()));
        ExplorerServer.json(ctx, Json.write(root));
    }

    /** A G x G grid over two latent dimensions, the others held at "base" (default 0), as one PNG and per cell. */
    private void grid(Context ctx) {
        RequestBody body = body(ctx, GRID);
        int l = model.latentDim();
        int size = body.integer("size", 15, 2, Limits.MAX_GRID);
        double range = body.positive("range", 3, MAX_RANGE);
        int across = body.integer("across", 0, 0, l - 1);
        int up = body.integer("up", 1, 0, l - 1);
        if (across == up) {
            throw HttpError.badRequest("across and up must be two different latent dimensions, got " + across + " twice");
        }
        float[] base = body.has("base") ? body.vector("base", l) : new float[l];
        LatentGrid grid = new LatentGrid(size, range, across, up, base);
        Images images;
        if (model.classes() > 0) {
            images = model.grid(grid, Conditions.labels(body, model, 1)[0]);
        } else {
            Conditions.labels(body, model, 1);
            images = model.grid(grid);
        }
        boolean values = body.flag("values", false);
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("size", size);
        root.put("range", range);
        ImageGrid picture = new ImageGrid(images.height(), images.width(), images.channels(), 1);
        root.put("png", Png.dataUrl(picture.render(images.values(), size)));
        root.put("cell", images.width());
        root.put("gap", 2);
        if (values) {
            root.set("images", Json.images(images, true).get("images"));
        }
        ExplorerServer.json(ctx, Json.write(root));
    }

    private Integer index(RequestBody end) {
        int given = (end.has("index") ? 1 : 0) + (end.has("code") ? 1 : 0) + (end.has("point") ? 1 : 0);
        if (given != 1) {
            throw HttpError.badRequest(end.name("") + " must hold one of \"index\", \"code\", \"point\"");
        }
        return end.has("index") ? end.integer("index", 0, session.test().n() - 1) : null;
    }

    private float[] end(RequestBody end, Integer index) {
        if (index != null) {
            return session.codes().code(index);
        }
        if (end.has("code")) {
            return end.vector("code", model.latentDim());
        }
        return session.projection().invert(end.vector("point", 2), 1);
    }

    /** The images of a request, with their labels for a class-conditional model. */
    private Dataset images(RequestBody body) {
        int d = model.config().inputDim();
        float[] x = body.rows("images", d, Limits.MAX_IMAGES, true);
        int n = body.count("images");
        int[] labels = Conditions.labels(body, model, n);
        return new Dataset("request", x, labels, n, d, model.config().height(), model.config().width(),
                model.config().channels());
    }

    /** negElbo, recon, kl, nll (null for an auto-encoder), bitsPerDim of -log p(x), squaredError of example i. */
    static void putScores(ObjectNode node, Scores scores, int i) {
        node.put("negElbo", scores.negElbo(i));
        node.put("recon", scores.recon()[i]);
        node.put("kl", scores.kl()[i]);
        if (scores.nll() != null) {
            node.put("nll", scores.nll()[i]);
            node.put("bitsPerDim", scores.nll()[i] / (scores.dim() * Math.log(2)));
        } else {
            node.putNull("nll");
            node.putNull("bitsPerDim");
        }
        node.put("squaredError", scores.squaredError()[i]);
    }
}
