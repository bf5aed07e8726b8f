package org.vae4j.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vae4j.io.AtomicFile;
import org.vae4j.api.Encoding;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
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
        try (TrainedModel trained = model.load()) {
            DataSplit split = ModelArgs.dataFor(trained, dataArgs);
            trained.requireLabels(split.train(), dataArgs.data);
            trained.requireLabels(split.test(), dataArgs.data);
            int l = trained.latentDim();
            boolean vae = trained.isVariational();
            Encoding train = trained.encode(split.train());
            Encoding test = trained.encode(split.test());
            StringBuilder header = new StringBuilder("split,label");
            for (String column : vae ? new String[] {"mean_", "logvar_"} : new String[] {"code_"}) {
                for (int k = 0; k < l; k++) {
                    header.append(',').append(column).append(k);
                }
            }
            AtomicFile.write(out, stream -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
                w.write(header.append('\n').toString());
                rows(w, "train", split.train(), train);
                rows(w, "test", split.test(), test);
                w.flush();
            });
            spec.commandLine().getOut().printf("wrote %d rows (%d train, %d test) of %d features to %s%n",
                    split.train().n() + split.test().n(), split.train().n(), split.test().n(), (vae ? 2 : 1) * l, out);
            return ExitCodes.OK;
        }
    }

    private static void rows(Writer w, String split, Dataset data, Encoding codes) throws java.io.IOException {
        int l = codes.latentDim();
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < data.n(); i++) {
            row.setLength(0);
            row.append(split).append(',');
            if (data.hasLabels()) {
                row.append(data.labels()[i]);
            }
            for (float[] block : codes.hasLogVar() ? new float[][] {codes.mean(), codes.logVar()}
                    : new float[][] {codes.mean()}) {
                for (int k = 0; k < l; k++) {
                    row.append(',').append(block[i * l + k]);
                }
            }
            w.write(row.append('\n').toString());
        }
    }
}
