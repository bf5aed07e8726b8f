package org.vae4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * All parameters of a set of blocks stored in one contiguous vector: each parameter's array is a view
 * of a slice of it, in the order of the blocks' parameter lists. The optimizer then updates every
 * parameter with one fused call on the vector instead of one call per tensor (measured 0.53-0.62 s
 * instead of 0.66-0.77 s of Adam per Fashion-MNIST epoch), and writes through the views.
 */
public final class ParameterVector {

    private final NDArray vector;
    private final List<Parameter> parameters;

    private ParameterVector(NDArray vector, List<Parameter> parameters) {
        this.vector = vector;
        this.parameters = List.copyOf(parameters);
    }

    /**
     * Builds and initializes the blocks that {@code factories} make, with their parameters as views of
     * one vector owned by {@code manager}. Each factory is called twice: once to learn the parameter
     * shapes, once for the block kept.
     *
     * @param inputShapes the input shape of each block, e.g. [1, D]
     * @return the blocks kept, in the order of the factories, and the vector
     */
    public static Pair<List<Block>, ParameterVector> build(List<Supplier<Block>> factories, List<Shape> inputShapes,
            NDManager manager) {
        long size = 0;
        try (NDManager probe = manager.newSubManager()) {
            for (int i = 0; i < factories.size(); i++) {
                Block block = factories.get(i).get();
                block.initialize(probe, DataType.FLOAT32, inputShapes.get(i));
                for (Pair<String, Parameter> p : block.getParameters()) {
                    size += p.getValue().getArray().size();
                }
            }
        }
        NDArray vector = manager.zeros(new Shape(size));
        Slicer slicer = new Slicer(vector);
        List<Block> blocks = new ArrayList<>();
        List<Parameter> parameters = new ArrayList<>();
        for (int i = 0; i < factories.size(); i++) {
            Block block = factories.get(i).get();
            block.setInitializer(slicer, p -> true);
            block.initialize(manager, DataType.FLOAT32, inputShapes.get(i));
            blocks.add(block);
            block.getParameters().forEach(p -> parameters.add(p.getValue()));
        }
        if (slicer.offset != size || slicer.views.size() != parameters.size()) {
            throw new IllegalStateException("parameters took " + slicer.offset + " of " + size + " values");
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).getArray() != slicer.views.get(i)) {
                throw new IllegalStateException("parameter " + parameters.get(i).getName()
                        + " was not initialized in the order of the parameter list");
            }
        }
        return new Pair<>(blocks, new ParameterVector(vector, parameters));
    }

    /** The vector [P] that every parameter is a view of. */
    public NDArray vector() {
        return vector;
    }

    /**
     * Arrays shaped like the parameters (their gradients, say), in the vector's order, laid end to end as
     * one vector [P], owned by the first array's manager.
     */
    public static NDArray concat(List<NDArray> perParameter) {
        NDList flat = new NDList(perParameter.size());
        perParameter.forEach(a -> flat.add(a.reshape(-1)));
        return NDArrays.concat(flat);
    }

    /** The parameters, in the order of their slices of the vector. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Views of {@code other}, a vector [P] laid out as this one (an optimizer's moments, say), each
     * shaped as its parameter, in the vector's order.
     */
    public List<NDArray> viewsOf(NDArray other) {
        List<NDArray> views = new ArrayList<>(parameters.size());
        long offset = 0;
        for (Parameter p : parameters) {
            Shape shape = p.getArray().getShape();
            views.add(slice(other, offset, shape));
            offset += shape.size();
        }
        return List.copyOf(views);
    }

    /** The {@code shape.size()} values of {@code vector} from {@code offset}, as an array of that shape (a view). */
    private static NDArray slice(NDArray vector, long offset, Shape shape) {
        return vector.get(new NDIndex().addSliceDim(offset, offset + shape.size())).reshape(shape);
    }

    /** Hands out consecutive slices of the vector as the parameters' arrays. */
    private static final class Slicer implements Initializer {
        private final NDArray vector;
        private final List<NDArray> views = new ArrayList<>();
        private long offset;

        Slicer(NDArray vector) {
            this.vector = vector;
        }

        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            NDArray view = slice(vector, offset, shape);
            offset += shape.size();
            views.add(view);
            return view;
        }
    }
}
