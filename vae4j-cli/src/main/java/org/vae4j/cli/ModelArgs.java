package org.vae4j.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.vae4j.io.ModelStore;
import org.vae4j.io.ModelStore.LoadedModel;
import picocli.CommandLine.Option;

/** The option that names a trained model, shared by every command that uses one. */
final class ModelArgs {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "a run folder (or its model/ folder)")
    Path dir;

    LoadedModel load(NDManager manager) {
        return ModelStore.load(dir, manager);
    }
}
