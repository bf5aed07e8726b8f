package org.vae4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.vae4j.host.EngineThreads;

/**
 * DJL's Conv2d, with a work-around for a fault of the CPU libtorch 2.7.1 that DJL 0.36 ships: in float32
 * the gradient with respect to the convolution's input is wrong, often NaN, when the number of output
 * channels is not a multiple of 16 (seen for stride 1 with 1-24 output channels, and stride 2 with 3; the
 * weight gradient and float64 are right; PyTorch 2.13 in Python is right; {@code SafeConv2dTest} shows
 * it). It is the decoder's last layer of every convolutional VAE (C x 4 channels of the sub-pixel
 * transposed convolution), and it sent training to NaN. While autograd records, the weight gets zero
 * filters up to the next multiple of 16 and the extra output channels are cut off again: the same
 * result, one more multiplication of zeros, and a right gradient.
 */
public final class SafeConv2d extends Conv2d {

    /** Output channels come in blocks of this many while autograd records. */
    static final int CHANNEL_BLOCK = 16;

    public SafeConv2d(Conv2d.Builder builder) {
        super(builder);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = includeBias ? ps.getValue(bias, x.getDevice(), training) : null;
        return new NDList(convolve(x, w, b, stride, padding));
    }

    /** y = conv2d(x; w [out, in, kh, kw], b [out] or null), dilation 1, one group, with a right input gradient. */
    public static NDArray convolve(NDArray x, NDArray w, NDArray b, Shape stride, Shape padding) {
        long out = w.getShape().get(0);
        long padded = (out + CHANNEL_BLOCK - 1) / CHANNEL_BLOCK * CHANNEL_BLOCK;
        if (padded == out || !EngineThreads.recording()) {
            return Conv2d.conv2d(x, w, b, stride, padding, new Shape(1, 1), 1).singletonOrThrow();
        }
        // the zeros live in the batch's manager (x's), never in the model's
        Shape ws = w.getShape();
        NDArray wp = w.concat(x.getManager().zeros(new Shape(padded - out, ws.get(1), ws.get(2), ws.get(3)),
                w.getDataType()), 0);
        NDArray bp = b == null ? null : b.concat(x.getManager().zeros(new Shape(padded - out), b.getDataType()), 0);
        NDArray y = Conv2d.conv2d(x, wp, bp, stride, padding, new Shape(1, 1), 1).singletonOrThrow();
        return y.split(new long[] {out}, 1).get(0);
    }
}
