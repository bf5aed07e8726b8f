package org.vae4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A convolutional decoder body, the mirror of {@link ConvEncoderBlock}: dense layers (ReLU after each)
 * to the encoder's smallest feature map, then stride-2 transposed convolutions (kernel 4, padding 1, ReLU
 * between them) back to H x W, the last with C x K output channels for K decoder outputs per value (K = 2
 * for a learned variance, say). Input [.., L + extra] with any leading axes (samples); output
 * [.., K H W C]: the K parameter blocks one after the other, each H x W x C channels last, as the
 * likelihood families read a dense decoder's output. With channels 32, 64 and dense 256 on 28 x 28 x 1 it
 * is the decoder of ../shared/bench/ref_convvae_pytorch.py.
 */
public final class ConvDecoderBlock extends AbstractBlock {

    private final int height;
    private final int width;
    private final int imageChannels;
    private final int outputsPerValue;
    private final List<Integer> channels;
    private final ConvGeometry geometry;
    private final Block dense;
    private final List<Block> transposed = new ArrayList<>();

    /**
     * @param channels the filters of the encoder's convolutions, e.g. [32, 64]; the decoder runs them
     *     backwards
     * @param hidden the encoder's dense layers, e.g. [256]; the decoder runs them backwards
     */
    public ConvDecoderBlock(int height, int width, int imageChannels, List<Integer> channels, List<Integer> hidden,
            int outputsPerValue) {
        this.height = height;
        this.width = width;
        this.imageChannels = imageChannels;
        this.outputsPerValue = outputsPerValue;
        this.channels = List.copyOf(channels);
        this.geometry = ConvGeometry.of(height, width, channels.size());
        List<Integer> reversed = new ArrayList<>(hidden);
        java.util.Collections.reverse(reversed);
        // dense layers, then ReLU on the feature map too (the last dense layer is followed by a ReLU)
        this.dense = addChildBlock("dense", Mlp.of(reversed, geometry.innerSize(channels)));
        for (int level = channels.size() - 1; level >= 0; level--) {
            int filters = level == 0 ? imageChannels * outputsPerValue : channels.get(level - 1);
            int[] outPadding = geometry.outputPadding(level);
            transposed.add(addChildBlock("deconv" + level, new TransposedConv2d(filters, outPadding)));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray z = inputs.singletonOrThrow();
        Shape leading = z.getShape().slice(0, z.getShape().dimension() - 1);
        long n = leading.size();
        NDArray h = dense.forward(ps, new NDList(z.reshape(n, -1)), training).singletonOrThrow();
        h = Activation.relu(h).reshape(n, channels.get(channels.size() - 1), geometry.innerHeight(),
                geometry.innerWidth());
        for (int i = 0; i < transposed.size(); i++) {
            h = transposed.get(i).forward(ps, new NDList(h), training).singletonOrThrow();
            if (i < transposed.size() - 1) {
                h = Activation.relu(h);
            }
        }
        // [N, K C, H, W] -> [N, K, H, W, C] -> [.., K H W C]
        NDArray out = h.reshape(n, outputsPerValue, imageChannels, height, width).transpose(0, 1, 3, 4, 2);
        return new NDList(out.reshape(leading.addAll(new Shape(outputs()))));
    }

    private long outputs() {
        return (long) outputsPerValue * height * width * imageChannels;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).addAll(new Shape(outputs()))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long n = in.slice(0, in.dimension() - 1).size();
        dense.initialize(manager, dataType, new Shape(n, in.get(in.dimension() - 1)));
        Shape shape = new Shape(n, channels.get(channels.size() - 1), geometry.innerHeight(), geometry.innerWidth());
        for (Block block : transposed) {
            block.initialize(manager, dataType, shape);
            shape = block.getOutputShapes(new Shape[] {shape})[0];
        }
    }
}
