package org.vae4j.host;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Loads a TorchScript module shipped next to a class (made by a script in {@code src/main/torchscript}):
 * how the core reaches PyTorch operations that DJL 0.36 does not expose. The module lives as long as the
 * process, in a manager of its own. Modules without state may be run from several threads at once.
 */
public final class TorchScript {

    private TorchScript() {
    }

    /** The module in resource {@code name} beside {@code owner}. */
    public static PtSymbolBlock load(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the class path has no " + name + " next to " + owner.getName());
            }
            return JniUtils.loadModule((PtNDManager) NDManager.newBaseManager(), in, false, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
