package org.vae4j.cli;

import java.util.concurrent.Callable;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j reconstruct: test images above, their reconstructions below. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Test images above their reconstructions.",
                "Encodes N test examples (spread over the test set) and decodes their codes; writes inputs above outputs (PNG)."})
final class ReconstructCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelArgs model;

    @Mixin
    DataArgs dataArgs;

    @Option(names = "--n", defaultValue = "16", description = "how many test examples (default: ${DEFAULT-VALUE})")
    int n;

    @Mixin
    SharedOptions.PngFile out;

    @Override
    public Integer call() {
        if (n < 1) {
            throw new IllegalArgumentException("--n must be at least 1, got " + n);
        }
        try (TrainedModel trained = model.load()) {
            Dataset test = ModelArgs.dataFor(trained, dataArgs).test();
            int count = Math.min(n, test.n());
            Dataset shown = trained.view(test).subset(Workspace.spread(test.n(), count));
            Pictures.writeReconstructions(Pictures.images(shown), trained.reconstruct(shown), out.file);
            spec.commandLine().getOut().printf("wrote %d reconstructions to %s%n", count, out.file);
            return ExitCodes.OK;
        }
    }
}
