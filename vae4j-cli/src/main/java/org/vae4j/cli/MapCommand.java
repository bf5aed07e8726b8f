package org.vae4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.vae4j.io.Png;
import org.vae4j.api.Encoding;
import org.vae4j.api.Projection;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.model.ModelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** vae4j map: the codes of the test set in the plane, coloured by class. */
@Command(name = "map", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"2-D scatter of the test codes coloured by label.",
                "Plots the codes of the test set of DATA (VAE: the means of q(z|x); auto-encoder: f(x)) as a "
                + "scatter coloured by label, with a legend (PNG). A 2-D latent is plotted as it is; a longer code is "
                + "projected onto the first two principal components of the codes plotted, and the title says so. "
                + "Needs labelled data."})
final class MapCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelArgs model;

    @Mixin
    DataArgs dataArgs;

    @Mixin
    SharedOptions.PngFile out;

    @Mixin
    SharedOptions.MapPoints map;

    @Override
    public Integer call() {
        map.check();
        PrintWriter stdout = spec.commandLine().getOut();
        try (TrainedModel trained = model.load()) {
            ModelConfig config = trained.config();
            if (config.latentDim() < 2) {
                throw new IllegalArgumentException(trained.dir() + ": the model's latent has 1 dimension; a map needs 2 "
                        + "or more");
            }
            DataSplit split = ModelArgs.dataFor(trained, dataArgs);
            LatentMap.requireLabels(split.test(), dataArgs.data, "map");
            Dataset test = Workspace.subset(split.test(), map.n);
            trained.requireLabels(test, dataArgs.data);
            Encoding codes = trained.encode(test);
            Projection projection = trained.project2d(codes);
            float[] points = projection.apply(codes);
            double accuracy = Double.NaN;
            if (map.knn != null) {
                Dataset train = split.train();
                LatentMap.requireLabels(train, dataArgs.data, "--knn");
                accuracy = LatentMap.knnAccuracy(projection.apply(trained.encode(train)), train.labels(), points,
                        test.labels(), map.knn);
            }
            Png.write(picture(config, points, test.labels(), split.test().name(), trained.info().data().classNames(),
                    projection), out.file);
            stdout.printf("wrote a map of %d test codes to %s%n", test.n(), out.file);
            if (map.knn != null) {
                stdout.printf("k-NN (k=%d) test accuracy on the map: %.4f (%d training points vote)%n", map.knn, accuracy,
                        split.train().n());
            }
            stdout.flush();
            return ExitCodes.OK;
        }
    }

    /** The map of a model's codes: {@code points} are the codes placed by {@code projection} (n * 2). */
    static BufferedImage picture(ModelConfig config, float[] points, int[] labels, String dataName,
            List<String> classNames, Projection projection) {
        String title = title(config, labels.length, dataName) + LatentMap.note(projection);
        return LatentMap.render(title, LatentMap.axis(projection, 0, "z"), LatentMap.axis(projection, 1, "z"), points,
                labels, label -> ClassNames.of(dataName, classNames, label));
    }

    /** The map of the codes of {@code data} (labelled), for the report of a training run. */
    static BufferedImage picture(TrainedModel model, Dataset data, String dataName) {
        Encoding codes = model.encode(data);
        Projection projection = model.project2d(codes);
        return picture(model.config(), projection.apply(codes), data.labels(), dataName,
                model.info().data().classNames(), projection);
    }

    /** "VAE: means of q(z|x) of 2004 test examples of digits". */
    static String title(ModelConfig config, int n, String dataName) {
        String codes = switch (config.kind()) {
            case VAE -> "means of q(z|x)";
            case AE -> "codes f(x)";
            case CVAE -> "means of q(z|x,y)";
            case HVAE -> "means of the top layer's q(z_L|x)";
        };
        return Pictures.kindName(config) + ": " + codes + " of " + n + " test examples of " + dataName;
    }
}
