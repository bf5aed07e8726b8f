package org.vae4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A convolutional encoder body: the image part of each input row, H x W x C values channels last, goes
 * through stride-2 convolutions (kernel 4, padding 1, ReLU after each), is flattened, and, with the
 * rest of the row (a class-conditional model's one-hot label) appended, through dense layers to the
 * outputs. Input [B, H W C + extra], output [B, outputs]. With channels 32, 64 and dense 256 on 28 x 28 x 1
 * it is the encoder of ../shared/bench/ref_convvae_pytorch.py.
 */
public final class ConvEncoderBlock extends AbstractBlock {

    private final int height;
    private final int width;
    private final int imageChannels;
    private final List<Block> convolutions = new ArrayList<>();
    private final Block dense;
    private final ConvGeometry geometry;
    private final int featureMapSize;

    /**
     * @param channels the filters of each convolution, e.g. [32, 64]
     * @param hidden the dense layers after the convolutions, e.g. [256]
     */
    public ConvEncoderBlock(int height, int width, int imageChannels, List<Integer> channels, List<Integer> hidden,
            int outputs) {
        this.height = height;
        this.width = width;
        this.imageChannels = imageChannels;
        this.geometry = ConvGeometry.of(height, width, channels.size());
        this.featureMapSize = geometry.innerSize(channels);
        for (int l = 0; l < channels.size(); l++) {
            convolutions.add(addChildBlock("conv" + l, new SafeConv2d(Conv2d.builder()
                    .setKernelShape(new Shape(ConvGeometry.KERNEL, ConvGeometry.KERNEL))
                    .optStride(new Shape(ConvGeometry.STRIDE, ConvGeometry.STRIDE))
                    .optPadding(new Shape(ConvGeometry.PADDING, ConvGeometry.PADDING))
                    .setFilters(channels.get(l)))));
        }
        this.dense = addChildBlock("dense", Mlp.of(hidden, outputs));
    }

    private int imageSize() {
        return height * width * imageChannels;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray rows = inputs.singletonOrThrow();
        long b = rows.getShape().get(0);
        long extra = rows.getShape().get(1) - imageSize();
        // image and appended label cut by split, not by slicing (see TransposedConv2d)
        NDList parts = extra == 0 ? new NDList(rows) : rows.split(new long[] {imageSize()}, 1);
        NDArray image = parts.get(0);
        // [B, H W C] channels last -> [B, C, H, W] for the convolutions
        NDArray h = image.reshape(b, height, width, imageChannels).transpose(0, 3, 1, 2);
        for (Block conv : convolutions) {
            h = Activation.relu(conv.forward(ps, new NDList(h), training).singletonOrThrow());
        }
        NDArray features = h.reshape(b, -1);
        if (extra > 0) {
            features = features.concat(parts.get(1), 1);
        }
        return dense.forward(ps, new NDList(features), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return dense.getOutputShapes(new Shape[] {new Shape(in.get(0), denseInputs(in))});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        Shape shape = new Shape(in.get(0), imageChannels, height, width);
        for (Block conv : convolutions) {
            conv.initialize(manager, dataType, shape);
            shape = conv.getOutputShapes(new Shape[] {shape})[0];
        }
        dense.initialize(manager, dataType, new Shape(in.get(0), denseInputs(in)));
    }

    /** The flattened feature map plus the extra values of each row. */
    private long denseInputs(Shape in) {
        return featureMapSize + in.get(1) - imageSize();
    }
}
