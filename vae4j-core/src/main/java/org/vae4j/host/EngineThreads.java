package org.vae4j.host;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's grad mode belongs to each thread and starts on; DJL turns it off only on the thread that
 * started the engine, and a GradientCollector turns it on and off again on its own thread. Any other
 * thread (a web server's request pool, a Spark task, an executor) would record an autograd graph for
 * every inference op, and an in-place write to a parameter fails there ("a leaf Variable that requires
 * grad is being used in an in-place operation"). Inference and parameter writes call these first.
 */
public final class EngineThreads {

    static {
        // JniUtils needs the native library, which the engine loads: in a fresh JVM whose first engine call
        // is one of these (vae4j evaluate, vae4j serve loading a model, a Spark executor), torchIsGradMode
        // was unlinked
        Engine.getEngine("PyTorch");
    }

    private EngineThreads() {
    }

    /** Turns grad mode off on the calling thread (a no-op where it already is off). */
    public static void forInference() {
        if (JniUtils.isGradMode()) {
            JniUtils.setGradMode(false);
        }
    }

    /** Whether autograd records on the calling thread (inside a GradientCollector, or a thread left on). */
    public static boolean recording() {
        return JniUtils.isGradMode();
    }

    /** Runs {@code write} with grad mode off on this thread, then restores the thread's mode. */
    public static void withoutGradient(Runnable write) {
        boolean recording = JniUtils.isGradMode();
        if (recording) {
            JniUtils.setGradMode(false);
        }
        try {
            write.run();
        } finally {
            if (recording) {
                JniUtils.setGradMode(true);
            }
        }
    }
}
