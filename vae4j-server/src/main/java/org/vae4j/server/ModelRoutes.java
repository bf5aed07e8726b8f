package org.vae4j.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import org.vae4j.api.Images;
import org.vae4j.api.Scores;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.Dataset;

/** The routes that read what the session computed at start: the model, the map, an example, the least likely. */
final class ModelRoutes {

    private final Session session;

    ModelRoutes(Session session) {
        this.session = session;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/model", ctx -> ExplorerServer.json(ctx, session.modelJson()));
        routes.get("/api/map", ctx -> ExplorerServer.json(ctx, session.mapJson()));
        routes.get("/api/examples/{index}", this::example);
        routes.get("/api/least-likely", this::leastLikely);
    }

    /** A test example: original, reconstruction (with ?label=, decoded with that label), code, point, scores. */
    private void example(Context ctx) {
        Dataset test = session.test();
        int i = index(ctx.pathParam("index"), test.n());
        TrainedModel model = session.model();
        Integer label = Conditions.queryLabel(ctx.queryParam("label"), model);
        Dataset one = test.subset(new int[] {i});
        Images reconstruction = label == null ? model.reconstruct(one) : model.analogy(one, label);
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("index", i);
        if (test.hasLabels()) {
            node.put("label", test.labels()[i]);
            node.put("className", session.className(test.labels()[i]));
        } else {
            node.putNull("label");
        }
        node.set("original", Json.image(test.row(i), test.height(), test.width(), test.channels(), true));
        node.set("reconstruction", Json.image(reconstruction.image(0), reconstruction.height(), reconstruction.width(),
                reconstruction.channels(), true));
        node.set("code", Json.floats(session.codes().code(i)));
        node.set("point", Json.floats(new float[] {session.points()[2 * i], session.points()[2 * i + 1]}));
        scores(node, i);
        ExplorerServer.json(ctx, Json.write(node));
    }

    private void leastLikely(Context ctx) {
        String value = ctx.queryParam("n");
        int n = 20;
        if (value != null) {
            try {
                n = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("n must be an integer in 1.." + Limits.MAX_LEAST_LIKELY + ", got \"" + value + "\"");
            }
            if (n < 1 || n > Limits.MAX_LEAST_LIKELY) {
                throw HttpError.badRequest("n must be in 1.." + Limits.MAX_LEAST_LIKELY + ", got " + n);
            }
        }
        Dataset test = session.test();
        List<Scores.Ranked> ranked = session.leastLikely();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("by", session.scores().nll() == null ? "-ELBO (an auto-encoder has no likelihood)" : "IWAE -log p(x)");
        ArrayNode list = root.putArray("examples");
        for (Scores.Ranked r : ranked.subList(0, Math.min(n, ranked.size()))) {
            ObjectNode node = list.addObject();
            node.put("index", r.index());
            if (test.hasLabels()) {
                node.put("label", test.labels()[r.index()]);
            }
            scores(node, r.index());
            node.put("png", Json.image(test.row(r.index()), test.height(), test.width(), test.channels(), false)
                    .get("png").textValue());
        }
        ExplorerServer.json(ctx, Json.write(root));
    }

    /** negElbo, recon, kl, nll (null for an auto-encoder) and bits per dimension of example i. */
    private void scores(ObjectNode node, int i) {
        Scores scores = session.scores();
        ComputeRoutes.putScores(node, scores, i);
    }

    private static int index(String text, int n) {
        int i;
        try {
            i = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw HttpError.notFound("no example \"" + text + "\"; examples are 0.." + (n - 1));
        }
        if (i < 0 || i >= n) {
            throw HttpError.notFound("no example " + i + "; examples are 0.." + (n - 1));
        }
        return i;
    }
}
