package org.vae4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import org.vae4j.host.TorchScript;

/**
 * PyTorch's own {@code conv_transpose2d} (kernel 4, stride 2, padding 1), which DJL 0.36's PyTorch engine
 * does not expose: a TorchScript module of one call, {@code conv_transpose2d.pt} (made by
 * {@code src/main/torchscript/conv_transpose2d.py}), loaded once per process and run through DJL's IValue
 * API. The module has no parameters and no state; the input, weight, bias and output padding are its
 * arguments, and its result belongs to the input's manager. It runs with the calling thread's grad mode,
 * so autograd records it inside a GradientCollector and not elsewhere. libtorch runs a script module's
 * forward from several threads at once, so the one instance serves every thread.
 */
final class TorchConvTranspose2d {

    private TorchConvTranspose2d() {
    }

    /** Loaded on first use, into a manager that lives as long as the process. */
    private static final class Module {
        static final PtSymbolBlock INSTANCE = TorchScript.load(TorchConvTranspose2d.class, "conv_transpose2d.pt");
    }

    /** y = ConvTranspose2d(x [N, in, h, w]; weight [in, out, 4, 4], bias [out], stride 2, padding 1, output padding p). */
    static NDArray apply(NDArray x, NDArray weight, NDArray bias, int[] outPadding) {
        NDArray padding = x.getManager().create(new long[] {outPadding[0], outPadding[1]});
        // training = true: DJL then adds no no-grad guard, and the thread's own grad mode decides
        return IValueUtils.forward(Module.INSTANCE, new NDList(x, weight, bias, padding), true).singletonOrThrow();
    }
}
