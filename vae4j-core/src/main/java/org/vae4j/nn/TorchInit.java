package org.vae4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.vae4j.dist.Ops;
import org.vae4j.dist.Rng;

/**
 * Re-initializes every layer with a "weight" parameter as PyTorch's nn.Linear and nn.Conv do:
 * weight and bias uniform in +-1/sqrt(fan_in), fan_in = product of the weight's shape after its first
 * axis. Draws come from the given seeded {@link Rng}, so a model is reproducible from its seed.
 */
public final class TorchInit {

    private TorchInit() {
    }

    /** Applies the initialization to {@code block} and all its descendants (already initialized). */
    public static void apply(Block block, Rng rng) {
        Parameter weight = null;
        Parameter bias = null;
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            if (p.getKey().equals("weight")) {
                weight = p.getValue();
            } else if (p.getKey().equals("bias")) {
                bias = p.getValue();
            }
        }
        if (weight != null && weight.getArray().getShape().dimension() >= 2) {
            Shape shape = weight.getArray().getShape();
            double bound = 1.0 / Math.sqrt(shape.size() / shape.get(0));
            fillUniform(weight.getArray(), bound, rng);
            if (bias != null) {
                fillUniform(bias.getArray(), bound, rng);
            }
        }
        for (Pair<String, Block> child : block.getChildren()) {
            apply(child.getValue(), rng);
        }
    }

    private static void fillUniform(NDArray array, double bound, Rng rng) {
        float[] values = new float[Math.toIntExact(array.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        Ops.assign(array, values);
    }
}
