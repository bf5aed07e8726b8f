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

    @Option(names = "--n", defaultValue = "16", description = "how many test examples: " + Workspace.SUBSET
            + " (default: ${DEFAULT-VALUE})")
    Integer n;

    @Mixin
    SharedOptions.PngFile out;

    @Override
    public Integer call() {
        Workspace.requireCount("--n", n);
        try (TrainedModel trained = model.load()) {
            Dataset test = ModelArgs.dataFor(trained, dataArgs).test();
            Dataset shown = Workspace.subset(test, n);
            int count = shown.n();
            Pictures.writeReconstructions(Pictures.images(trained.view(shown)), trained.reconstruct(shown), out.file);
            spec.commandLine().getOut().printf("wrote %d reconstructions to %s%n", count, out.file);
            return ExitCodes.OK;
        }
    }
}
