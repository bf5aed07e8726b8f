package org.vae4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.dist.Ops;

class LeafParameterStoreTest {

    /**
     * loss = sum(W x + b) for a 1-unit Linear layer: d/dW = x, d/db = 1. Two steps give the same
     * gradient (nothing accumulates), and a step sees an in-place change of the parameter.
     */
    @Test
    void gradientsAreFreshEachStepAndLeavesShareTheParameterStorage() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear linear = Linear.builder().setUnits(1).build();
            linear.initialize(m, DataType.FLOAT32, new Shape(1, 3));
            List<Parameter> parameters = linear.getParameters().values();
            Parameter weight = parameters.get(0);
            Parameter bias = parameters.get(1);
            float[] x = {1.5f, -2f, 0.25f};
            for (int step = 0; step < 2; step++) {
                float[][] grads = step(m, linear, parameters, x);
                assertArrayEquals(x, grads[0], 1e-6f, "d/dW at step " + step);
                assertArrayEquals(new float[] {1f}, grads[1], 1e-6f, "d/db at step " + step);
            }
            // the leaves read the parameter's storage: an in-place update shows in the next forward
            weight.getArray().subi(weight.getArray()).addi(m.create(new float[] {1f, 2f, 3f}, new Shape(1, 3)));
            bias.getArray().subi(bias.getArray()).addi(Ops.scalar(m, 0.5));
            try (NDManager s = m.newSubManager()) {
                LeafParameterStore ps = new LeafParameterStore(s, parameters);
                NDArray y = linear.forward(ps, new NDList(s.create(x, new Shape(1, 3))), true).singletonOrThrow();
                assertArrayEquals(new float[] {1.5f - 4f + 0.75f + 0.5f}, y.toFloatArray(), 1e-6f);
            }
        }
    }

    private static float[][] step(NDManager m, Linear linear, List<Parameter> parameters, float[] x) {
        try (NDManager s = m.newSubManager()) {
            LeafParameterStore ps = new LeafParameterStore(s, parameters);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = linear.forward(ps, new NDList(s.create(x, new Shape(1, 3))), true).singletonOrThrow();
                collector.backward(y.sum());
            }
            return new float[][] {ps.gradient(parameters.get(0)).toFloatArray(), ps.gradient(parameters.get(1)).toFloatArray()};
        }
    }
}
