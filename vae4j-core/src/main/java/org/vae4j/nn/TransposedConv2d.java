package org.vae4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * PyTorch's ConvTranspose2d(in, out, kernel 4, stride 2, padding 1, output_padding p) as a block, with
 * its weight [in, out, 4, 4] and bias [out] (so it initializes as torch does). It runs as PyTorch's own
 * {@code conv_transpose2d} ({@link TorchConvTranspose2d}) when the input channels are a multiple of 16 and
 * the output channels 16 or a multiple of 32, and otherwise in the sub-pixel form below:
 * <ul>
 *   <li>in float32, the CPU libtorch 2.7.1 that DJL 0.36 ships gets its transposed convolution wrong
 *       (output or gradients off by 20-100%, or NaN) for input channels that are not multiples of 16 (1-5,
 *       8, 12, 24 with 1-4 outputs, mostly with an output padding), and for output channels 17-31, 40, 48
 *       and 80 whatever the input; sweeps found no fault with input channels 16-128 in steps of 16 (and
 *       256) and outputs 1-4, 6, 8, 16, 32, 64, 96 or 128. {@code TransposedConv2dTest} checks both sides
 *       of the rule;</li>
 *   <li>for an image layer (few output channels) the sub-pixel form is the faster: forward and backward of
 *       32 -> 1 channels at 14 x 14, batch 128, 3.1-3.7 ms against 3.6-3.9 ms (two runs); for 64 -> 32 at
 *       7 x 7 PyTorch's takes 6.1-6.5 ms against 8.4-8.6.</li>
 * </ul>
 *
 * <p>The sub-pixel form: along each axis, y[2m] = x[m-1] W[3] + x[m] W[1] and y[2m+1] = x[m] W[2] +
 * x[m+1] W[0] (from y[o] = sum x[i] W[k] over o = 2i - 1 + k), so each of the four output phases is a
 * 2 x 2 correlation of x with a flipped quarter of the kernel; one convolution with the four quarters as
 * 4 x out filters computes them all, and the phases are interleaved into the 2h x 2w output. The same
 * multiplications as the transposed convolution, and autograd sees only convolution, reshaping, splitting
 * and stacking. Every cut is made by reshape and split rather than DJL's slicing index
 * ({@code get(":, 1:3")}): the conv VAE's parameters once turned to NaN with slicing in the graph; the
 * cause found later was libtorch's float32 input gradient for few output channels (here 4 x out for the
 * last layer), which {@link SafeConv2d} works around.
 */
public final class TransposedConv2d extends AbstractBlock {

    private final int filters;
    private final int[] outPadding;
    private final Parameter weight;
    private final Parameter bias;

    /** @param outPadding output padding along height and width, each 0 or 1: output sides 2h + p */
    public TransposedConv2d(int filters, int[] outPadding) {
        this.filters = filters;
        this.outPadding = outPadding.clone();
        for (int p : outPadding) {
            if (p != 0 && p != 1) {
                throw new IllegalArgumentException("output padding must be 0 or 1, got " + p);
            }
        }
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        long in = inputShapes[0].get(1);
        weight.setShape(new Shape(in, filters, 4, 4));
        bias.setShape(new Shape(filters));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), filters, 2 * in.get(2) + outPadding[0], 2 * in.get(3) + outPadding[1])};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        return new NDList(apply(x, w, b, outPadding));
    }

    /** y = ConvTranspose2d(x; w [in, out, 4, 4], b [out], stride 2, padding 1, output padding p). */
    public static NDArray apply(NDArray x, NDArray w, NDArray b, int[] outPadding) {
        return torchIsRight(x.getShape().get(1), w.getShape().get(1))
                ? TorchConvTranspose2d.apply(x, w, b, outPadding)
                : subPixel(x, w, b, outPadding);
    }

    /** Whether PyTorch's own form is right and the faster one for these channel counts (see the class comment). */
    static boolean torchIsRight(long in, long out) {
        return in % 16 == 0 && (out == 16 || out % 32 == 0);
    }

    /** The same transposed convolution in the sub-pixel form (see the class comment). */
    static NDArray subPixel(NDArray x, NDArray w, NDArray b, int[] outPadding) {
        long h = x.getShape().get(2);
        long wd = x.getShape().get(3);
        // an output padding of 1 is the transposed convolution of x with one more zero row (column), cropped
        NDArray input = x;
        if (outPadding[0] == 1) {
            input = input.concat(input.getManager().zeros(new Shape(x.getShape().get(0), x.getShape().get(1), 1, wd),
                    x.getDataType()), 2);
        }
        if (outPadding[1] == 1) {
            Shape s = input.getShape();
            input = input.concat(input.getManager().zeros(new Shape(s.get(0), s.get(1), s.get(2), 1), x.getDataType()), 3);
        }
        long rows = input.getShape().get(2);
        long cols = input.getShape().get(3);
        long out = w.getShape().get(1);
        // the kernel as [out, in, 4, 4]; a phase's 2 taps along an axis: even W[3], W[1]; odd W[2], W[0]
        NDArray k = w.transpose(1, 0, 2, 3);
        NDList phases = new NDList(4);
        for (int a = 0; a < 2; a++) {
            NDArray kr = taps(k, 2, a);
            for (int c = 0; c < 2; c++) {
                phases.add(taps(kr, 3, c));
            }
        }
        NDArray quarters = NDArrays.concat(phases, 0);                           // [4 out, in, 2, 2]
        NDArray z = SafeConv2d.convolve(input, quarters, null, new Shape(1, 1), new Shape(1, 1)); // [N, 4 out, rows + 1, cols + 1]
        NDList quarterMaps = z.split(4, 1);                                    // 4 x [N, out, rows + 1, cols + 1]
        NDList rowPairs = new NDList(2);
        for (int a = 0; a < 2; a++) {
            NDList colPair = new NDList(2);
            for (int c = 0; c < 2; c++) {
                // phase (a, c) reads rows a .. a + rows - 1 and columns c .. c + cols - 1 of its map
                colPair.add(crop(crop(quarterMaps.get(2 * a + c), 2, a, rows), 3, c, cols));
            }
            // [N, out, rows, cols, 2] -> [N, out, rows, 2 cols]: columns 2q + c
            rowPairs.add(NDArrays.stack(colPair, 4).reshape(z.getShape().get(0), out, rows, 2 * cols));
        }
        // [N, out, rows, 2, 2 cols] -> [N, out, 2 rows, 2 cols]: rows 2m + a
        NDArray y = NDArrays.stack(rowPairs, 3).reshape(z.getShape().get(0), out, 2 * rows, 2 * cols);
        if (outPadding[0] == 1) {
            y = crop(y, 2, 0, 2 * h + 1);
        }
        if (outPadding[1] == 1) {
            y = crop(y, 3, 0, 2 * wd + 1);
        }
        return y.add(b.reshape(1, out, 1, 1));
    }

    /** {@code length} entries of {@code axis} from {@code start}, cut by split (see the class comment). */
    private static NDArray crop(NDArray x, int axis, long start, long length) {
        long size = x.getShape().get(axis);
        if (start == 0 && length == size) {
            return x;
        }
        NDList parts = x.split(new long[] {start, start + length}, axis);
        return parts.get(1);
    }

    /** The two taps of phase {@code odd} along {@code axis} (a 4-tap axis): even [3, 1], odd [2, 0]. */
    private static NDArray taps(NDArray kernel, int axis, int odd) {
        // tap t = 2 i + parity: split the axis into (i, parity) and keep one parity, then reverse i
        Shape shape = kernel.getShape();
        long[] pairs = new long[shape.dimension() + 1];
        for (int d = 0, e = 0; d < shape.dimension(); d++) {
            if (d == axis) {
                pairs[e++] = shape.get(d) / 2;
                pairs[e++] = 2;
            } else {
                pairs[e++] = shape.get(d);
            }
        }
        NDList parities = kernel.reshape(pairs).split(2, axis + 1);
        // even phase: taps 1, 3 (parity 1) reversed; odd phase: taps 0, 2 (parity 0) reversed
        return parities.get(odd == 0 ? 1 : 0).squeeze(axis + 1).flip(axis);
    }
}
