package org.vae4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.vae4j.api.Images;
import org.vae4j.api.TrainedModel;
import org.vae4j.io.Png;
import org.vae4j.classic.LogisticRegression;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.error.InputException;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j analogy: one image's style decoded with every label of a class-conditional VAE. */
@Command(name = "analogy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Class-conditional VAE: one image's style drawn with every label.",
                "Encodes N test images with a class-conditional VAE, z = mean of q(z|x,y), and decodes each "
                + "z with every label: row = one image's style, first column = the image, then one column per "
                + "label. With --check, a logistic regression trained on the raw training pixels says how many "
                + "of the generated images show their intended label."})
final class AnalogyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelArgs model;

    @Mixin
    DataArgs dataArgs;

    @Option(names = "--n", defaultValue = "8", description = "how many test images: " + Workspace.SUBSET
            + " (default: ${DEFAULT-VALUE})")
    Integer n;

    @Mixin
    SharedOptions.PngFile out;

    @Option(names = "--check", description = "classify the generated images and print the share with the intended label")
    boolean check;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        try (TrainedModel trained = model.load()) {
            ModelConfig config = trained.config();
            if (config.kind() != ModelKind.CVAE) {
                throw InputException.of(trained.dir(), "holds a " + config.kind().id()
                        + "; analogies need a class-conditional model (train with --model cvae)");
            }
            DataSplit split = ModelArgs.dataFor(trained, dataArgs);
            Dataset picked = Workspace.subset(split.test(), n);
            int count = picked.n();
            int classes = config.classes();
            int dim = config.inputDim();
            float[] inputs = trained.view(picked).x();
            Images generated = trained.analogies(picked);
            float[] grid = new float[count * (classes + 1) * dim];
            for (int i = 0; i < count; i++) {
                System.arraycopy(inputs, i * dim, grid, i * (classes + 1) * dim, dim);
                System.arraycopy(generated.values(), i * classes * dim, grid, (i * (classes + 1) + 1) * dim,
                        classes * dim);
            }
            Png.write(Pictures.grid(generated).render(grid, classes + 1), out.file);
            stdout.printf("wrote %d x %d analogies to %s%n", count, classes, out.file);
            if (check) {
                Dataset train = split.train();
                LogisticRegression classifier = LogisticRegression.fit(train.x(), train.labels(), train.n(), dim,
                        classes, 1e-3, 1);
                int[] intended = new int[count * classes];
                for (int i = 0; i < intended.length; i++) {
                    intended[i] = i % classes;
                }
                double keep = LogisticRegression.accuracy(classifier.predict(generated.values(), intended.length),
                        intended);
                double testAccuracy = LogisticRegression.accuracy(
                        classifier.predict(split.test().x(), split.test().n()), split.test().labels());
                stdout.printf("a logistic regression on raw pixels (test accuracy %.3f) gives %.1f%% of the %d "
                        + "generated images their intended label%n", testAccuracy, 100 * keep, intended.length);
            }
            stdout.flush();
            return ExitCodes.OK;
        }
    }
}
