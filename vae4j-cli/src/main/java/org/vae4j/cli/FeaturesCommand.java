package org.vae4j.cli;

import ai.djl.ndarray.NDManager;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vae4j.cli.pictures.AtomicFile;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.io.ModelStore.LoadedModel;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Vae;
import org.vae4j.data.ResidentData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j features: the codes of every example as a CSV file, to use elsewhere. */
@Command(name = "features", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write every example's code as a CSV row.",
                "Encodes every training and test example of DATA and writes one CSV row per example: "
                + "split (train or test), label (empty for unlabelled data), then for a VAE the mean and "
                + "log-variance of q(z|x) (mean_0..mean_{L-1}, logvar_0..logvar_{L-1}), for an auto-encoder the code "
                + "f(x) (code_0..code_{L-1})."})
final class FeaturesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelArgs model;

    @Mixin
    DataArgs dataArgs;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "the CSV file to write")
    Path out;

    @Override
    public Integer call() {
        try (NDManager root = NDManager.newBaseManager(); LoadedModel loaded = model.load(root)) {
            DataSplit split = Workspace.dataFor(loaded, dataArgs);
            Codes.checkConditioning(loaded, split.train(), dataArgs.data);
            Codes.checkConditioning(loaded, split.test(), dataArgs.data);
            LatentModel latent = loaded.model();
            int l = latent.config().latentDim();
            float[][] train = features(latent, Codes.trainView(loaded, split.train(), root), root);
            float[][] test = features(latent, Workspace.testData(loaded, split.test(), 0, root), root);
            StringBuilder header = new StringBuilder("split,label");
            for (String column : latent instanceof Vae ? new String[] {"mean_", "logvar_"} : new String[] {"code_"}) {
                for (int k = 0; k < l; k++) {
                    header.append(',').append(column).append(k);
                }
            }
            AtomicFile.write(out, stream -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
                w.write(header.append('\n').toString());
                rows(w, "train", split.train(), train, l);
                rows(w, "test", split.test(), test, l);
                w.flush();
            });
            spec.commandLine().getOut().printf("wrote %d rows (%d train, %d test) of %d features to %s%n",
                    split.train().n() + split.test().n(), split.train().n(), split.test().n(),
                    (latent instanceof Vae ? 2 : 1) * l, out);
            return ExitCodes.OK;
        }
    }

    /** For a VAE the posterior's mean and log-variance, for an auto-encoder the code: arrays of [n * L]. */
    private static float[][] features(LatentModel model, ResidentData data, NDManager root) {
        return model instanceof Vae vae ? Codes.posterior(vae, data, root)
                : new float[][] {Codes.codes(model, data, root)};
    }

    private static void rows(Writer w, String split, Dataset data, float[][] columns, int l) throws java.io.IOException {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < data.n(); i++) {
            row.setLength(0);
            row.append(split).append(',');
            if (data.hasLabels()) {
                row.append(data.labels()[i]);
            }
            for (float[] block : columns) {
                for (int k = 0; k < l; k++) {
                    row.append(',').append(block[i * l + k]);
                }
            }
            w.write(row.append('\n').toString());
        }
    }
}
