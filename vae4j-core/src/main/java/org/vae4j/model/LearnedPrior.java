package org.vae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.function.Supplier;
import org.vae4j.dist.DiagonalGaussian;
import org.vae4j.dist.GaussianMixturePrior;
import org.vae4j.dist.Ops;
import org.vae4j.dist.Prior;
import org.vae4j.dist.Rng;
import org.vae4j.nn.ParameterBlock;

/**
 * The trainable parameters of a learned prior and the mixture they make: for {@link PriorKind#MOG}
 * the logits [K], means [K, L] and log-variances [K, L] of the components; for {@link PriorKind#VAMP}
 * the pseudo-inputs u_k [K, D], whose components q(z|u_k) come from the encoder.
 */
final class LearnedPrior {

    /** Input shape handed to the block's initialization; the block ignores it. */
    static final Shape INPUT_SHAPE = new Shape(1, 1);

    private final PriorKind kind;
    private final ParameterBlock block;

    private LearnedPrior(PriorKind kind, ParameterBlock block) {
        this.kind = kind;
        this.block = block;
    }

    /** Makes the block holding the parameters of the prior that {@code config} asks for. */
    static Supplier<Block> factory(ModelConfig config) {
        int k = config.components();
        int l = config.latentDim();
        return switch (config.prior()) {
            case MOG -> () -> new ParameterBlock(List.of("logits", "means", "log_vars"),
                    List.of(new Shape(k), new Shape(k, l), new Shape(k, l)));
            case VAMP -> () -> new ParameterBlock(List.of("pseudo_inputs"), List.of(new Shape(k, config.inputDim())));
            case STANDARD -> throw new IllegalArgumentException("the standard prior has no parameters");
        };
    }

    /**
     * Wraps the block that {@link #factory} made (already laid out in the model's vector) and sets its
     * starting values from {@code rng}: mixture means mu_k ~ N(0, I), log-variances 0 and equal weights;
     * pseudo-inputs u_kd ~ U[0, 1), random images in the data's range.
     */
    static LearnedPrior initialize(PriorKind kind, Block block, Rng rng) {
        ParameterBlock parameters = (ParameterBlock) block;
        if (kind == PriorKind.MOG) {
            fill(parameters.parameter(0), null, rng);
            fill(parameters.parameter(1), Rng::normal, rng);
            fill(parameters.parameter(2), null, rng);
        } else {
            fill(parameters.parameter(0), Rng::uniform, rng);
        }
        return new LearnedPrior(kind, parameters);
    }

    /**
     * p(z) from the current values of the parameters in {@code ps}: the mixture of Gaussians, or the
     * VampPrior p(z) = (1/K) sum_k q(z|u_k) with the encoder run on the pseudo-inputs.
     */
    Prior prior(ParameterStore ps, Encoder encoder, boolean training) {
        if (kind == PriorKind.MOG) {
            return new GaussianMixturePrior(value(ps, 0, training), value(ps, 1, training), value(ps, 2, training));
        }
        DiagonalGaussian components = encoder.posterior(ps, value(ps, 0, training), training);
        return GaussianMixturePrior.uniform(components.mean(), components.logVar());
    }

    /**
     * The value of parameter {@code index} in {@code ps}, in the store's manager, so that what is
     * computed from it is freed with the step or batch rather than kept with the model.
     */
    private NDArray value(ParameterStore ps, int index, boolean training) {
        NDManager manager = ps.getManager();
        NDArray value = ps.getValue(block.parameter(index), manager.getDevice(), training);
        if (value.getManager() != manager) {
            value = value.duplicate();
            value.attach(manager);
        }
        return value;
    }

    /** Noise that fills an array of a shape. */
    private interface Draw {
        NDArray draw(Rng rng, NDManager manager, Shape shape);
    }

    /** Sets the parameter to draws of {@code draw}, or to zeros when it is null. */
    private static void fill(Parameter parameter, Draw draw, Rng rng) {
        NDArray array = parameter.getArray();
        if (draw == null) {
            Ops.assign(array, new float[Math.toIntExact(array.size())]);
            return;
        }
        try (NDArray values = draw.draw(rng, array.getManager(), array.getShape())) {
            Ops.assign(array, values.toFloatArray());
        }
    }
}
