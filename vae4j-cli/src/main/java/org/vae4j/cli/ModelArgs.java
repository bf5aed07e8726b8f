package org.vae4j.cli;

import java.nio.file.Path;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.DataSplit;
import picocli.CommandLine.Option;

/** The option that names a trained model, shared by every command that uses one. */
final class ModelArgs {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "a run folder (or its model/ folder)")
    Path dir;

    TrainedModel load() {
        return TrainedModel.load(dir);
    }

    /** The data of {@code args} read for {@code model}: its CSV scaling and split, a shape that fits. */
    static DataSplit dataFor(TrainedModel model, DataArgs args) {
        return model.readData(args.data, args.options());
    }
}
