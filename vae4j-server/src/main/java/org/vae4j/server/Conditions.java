package org.vae4j.server;

import java.util.Arrays;
import org.vae4j.api.TrainedModel;

/**
 * The labels a request gives a class-conditional model: "labels" (one per image or code) or "label" (one
 * for all). An unconditional model takes none, and a class-conditional one needs them.
 */
final class Conditions {

    private Conditions() {
    }

    /** The labels of n images or codes; null for an unconditional model. */
    static int[] labels(RequestBody body, TrainedModel model, int n) {
        int classes = model.classes();
        if (classes == 0) {
            if (body.has("label") || body.has("labels")) {
                throw HttpError.badRequest("the model is not class-conditional, so it takes no label");
            }
            return null;
        }
        if (body.has("label") && body.has("labels")) {
            throw HttpError.badRequest("give \"label\" or \"labels\", not both");
        }
        if (body.has("labels")) {
            return body.integers("labels", n, 0, classes - 1);
        }
        if (!body.has("label")) {
            throw HttpError.badRequest("the class-conditional model needs \"label\" (one for all) or \"labels\" (one each),"
                    + " in 0.." + (classes - 1));
        }
        int[] labels = new int[n];
        Arrays.fill(labels, body.integer("label", 0, classes - 1));
        return labels;
    }

    /** The label of a query parameter, null when absent: only a class-conditional model takes one. */
    static Integer queryLabel(String value, TrainedModel model) {
        if (value == null) {
            return null;
        }
        if (model.classes() == 0) {
            throw HttpError.badRequest("the model is not class-conditional, so it takes no label");
        }
        int label;
        try {
            label = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("label must be an integer, got \"" + value + "\"");
        }
        if (label < 0 || label >= model.classes()) {
            throw HttpError.badRequest("label must be in 0.." + (model.classes() - 1) + ", got " + label);
        }
        return label;
    }
}
