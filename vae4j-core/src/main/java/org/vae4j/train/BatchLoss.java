package org.vae4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.vae4j.dist.Ops;
import org.vae4j.dist.Rng;
import org.vae4j.host.EngineThreads;
import org.vae4j.nn.LeafParameterStore;
import org.vae4j.objective.Objective;
import org.vae4j.objective.Terms;

/**
 * A batch's training loss (the mean over its rows of recon + beta KL, free bits applied; or, for a part of a
 * batch, the sum) and its gradient with respect to every parameter, all in the step's manager: what the
 * Trainer and a training replica both compute before their updates. DJL allows one open GradientCollector per process, so backward
 * passes take turns.
 */
record BatchLoss(Terms terms, float loss, List<NDArray> gradients) {

    /** DJL allows one open GradientCollector per process: every backward pass of the package holds this. */
    static final Object BACKWARD = new Object();

    /** The mean loss (recon + beta KL, free bits applied) and its gradient: the Trainer's step. */
    static BatchLoss of(Objective objective, List<Parameter> parameters, NDManager step, NDArray x, NDArray condition,
            Rng rng, double klWeight, double freeBitsNats) {
        NDArray beta = Ops.scalar(step, klWeight);
        NDArray freeBits = freeBitsNats > 0 ? Ops.scalar(step, freeBitsNats) : null;
        return of(objective, parameters, step, x, condition, rng, terms -> terms.meanLoss(beta, freeBits));
    }

    /**
     * The loss {@code reduce} makes of the batch's terms (a mean, or a sum over rows for a part of a batch)
     * and its gradient with respect to every parameter; the thread leaves with grad mode off.
     */
    static BatchLoss of(Objective objective, List<Parameter> parameters, NDManager step, NDArray x, NDArray condition,
            Rng rng, Function<Terms, NDArray> reduce) {
        LeafParameterStore ps = new LeafParameterStore(step, parameters);
        Terms terms;
        float loss;
        synchronized (BACKWARD) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                terms = objective.terms(ps, x, condition, rng, true);
                NDArray reduced = reduce.apply(terms);
                collector.backward(reduced);
                loss = reduced.toFloatArray()[0];
            }
            // closing the collector restores the grad mode the thread had before it; a thread that had it on
            // (any thread but the engine's first) keeps it off, for the update and inference after
            EngineThreads.forInference();
        }
        List<NDArray> gradients = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            gradients.add(ps.gradient(p));
        }
        return new BatchLoss(terms, loss, gradients);
    }

    boolean finite() {
        return Float.isFinite(loss);
    }

    /** The batch's sums of recon and KL, then of each layer's KL when there are two or more layers. */
    double[] sums() {
        int layers = terms.layerKl().size() > 1 ? terms.layerKl().size() : 0;
        double[] sums = new double[2 + layers];
        sums[0] = terms.recon().sum().toFloatArray()[0];
        sums[1] = terms.kl() == null ? 0 : terms.kl().sum().toFloatArray()[0];
        for (int l = 0; l < layers; l++) {
            sums[2 + l] = terms.layerKl().get(l).sum().toFloatArray()[0];
        }
        return sums;
    }
}
