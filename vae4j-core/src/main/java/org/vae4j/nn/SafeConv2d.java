package org.vae4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.vae4j.host.EngineThreads;

/**
 * DJL's Conv2d, with work-arounds for two faults of the CPU libtorch 2.7.1 that DJL 0.36 ships, both in
 * float32 only (float64 is right; PyTorch 2.13 in Python is right; {@code SafeConv2dTest} shows them):
 * <ul>
 *   <li>the output itself is wrong, often NaN, when the number of input channels is above 16 and not a
 *       multiple of 16 (17-31, 33-47, ...: every one of 1-130 checked, with every output count, kernel
 *       (2-4), stride (1-2) and size (4-15) tried); and with stride 2 the input gradient is wrong for 48, 80, 112 and 144 input
 *       channels (odd multiples of 16; 16, 32, 64, 96, 128 and counts below 16 are right). An input of
 *       more than 16 channels gets zero channels up to the next multiple of 32, and the weight zero input
 *       channels to match: the same sums, and a right result.</li>
 *   <li>the gradient with respect to the input is wrong, often NaN, when the number of output channels is
 *       not a multiple of 16 (seen for stride 1 with 1-24 output channels, and stride 2 with 3). It is the
 *       decoder's last layer of every convolutional VAE whose transposed convolutions take the sub-pixel
 *       form (C x 4 channels), and it sent training to NaN. While autograd records, the weight gets zero
 *       filters up to the next multiple of 16 and the extra output channels are cut off again.</li>
 * </ul>
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

    /** y = conv2d(x; w [out, in, kh, kw], b [out] or null), dilation 1, one group, right in float32 (see above). */
    public static NDArray convolve(NDArray x, NDArray w, NDArray b, Shape stride, Shape padding) {
        long in = w.getShape().get(1);
        NDArray input = x;
        NDArray kernel = w;
        if (in > CHANNEL_BLOCK && in % (2 * CHANNEL_BLOCK) != 0) {
            // zero input channels up to a multiple of 32 (in the batch's manager, x's)
            long extra = roundUp(in, 2 * CHANNEL_BLOCK) - in;
            Shape xs = x.getShape();
            Shape ws = w.getShape();
            input = x.concat(x.getManager().zeros(new Shape(xs.get(0), extra, xs.get(2), xs.get(3)), x.getDataType()), 1);
            kernel = w.concat(x.getManager().zeros(new Shape(ws.get(0), extra, ws.get(2), ws.get(3)), w.getDataType()), 1);
        }
        long out = kernel.getShape().get(0);
        long padded = roundUp(out, CHANNEL_BLOCK);
        if (padded == out || !EngineThreads.recording()) {
            return Conv2d.conv2d(input, kernel, b, stride, padding, new Shape(1, 1), 1).singletonOrThrow();
        }
        // the zeros live in the batch's manager (x's), never in the model's
        Shape ws = kernel.getShape();
        NDArray wp = kernel.concat(x.getManager().zeros(new Shape(padded - out, ws.get(1), ws.get(2), ws.get(3)),
                kernel.getDataType()), 0);
        NDArray bp = b == null ? null : b.concat(x.getManager().zeros(new Shape(padded - out), b.getDataType()), 0);
        NDArray y = Conv2d.conv2d(input, wp, bp, stride, padding, new Shape(1, 1), 1).singletonOrThrow();
        return y.split(new long[] {out}, 1).get(0);
    }

    /** The smallest multiple of {@code block} that is at least {@code channels}. */
    private static long roundUp(long channels, long block) {
        return (channels + block - 1) / block * block;
    }
}
