package org.vae4j.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A block that only holds free parameters of fixed shapes (a learned prior's means, say), so that
 * {@link ParameterVector} can lay them out with the networks' parameters. It has no forward pass: its
 * owner reads the values through a {@link ParameterStore} and sets their starting values. Parameters
 * start at zero unless an initializer is set on the block.
 */
public final class ParameterBlock extends AbstractBlock {

    private final List<Parameter> held = new ArrayList<>();

    /** Declares one parameter per name, with the shape at the same position, in this order. */
    public ParameterBlock(List<String> names, List<Shape> shapes) {
        if (names.size() != shapes.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + shapes.size() + " shapes");
        }
        for (int i = 0; i < names.size(); i++) {
            held.add(addParameter(Parameter.builder().setName(names.get(i)).setType(Parameter.Type.OTHER)
                    .optShape(shapes.get(i)).optInitializer(new ConstantInitializer(0)).build()));
        }
    }

    /** The parameter at {@code index}, in the order of the constructor's names. */
    public Parameter parameter(int index) {
        return held.get(index);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException("a ParameterBlock holds parameters and has no forward pass");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[0];
    }
}
