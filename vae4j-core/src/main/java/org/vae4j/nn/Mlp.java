package org.vae4j.nn;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.List;

/** Multi-layer perceptrons: Linear layers with ReLU between them and a linear output. */
public final class Mlp {

    private Mlp() {
    }

    /**
     * in -> hidden[0] -> ReLU -> ... -> hidden[n-1] -> ReLU -> out; the input size is set when the
     * block is initialized.
     */
    public static Block of(List<Integer> hidden, int out) {
        SequentialBlock block = new SequentialBlock();
        for (int units : hidden) {
            block.add(Linear.builder().setUnits(units).build());
            block.add(Activation.reluBlock());
        }
        block.add(Linear.builder().setUnits(out).build());
        return block;
    }
}
