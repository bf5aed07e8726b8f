package org.vae4j.cli;

import java.util.List;
import java.util.function.Predicate;
import org.vae4j.data.DataSplit;
import org.vae4j.error.InputException;
import org.vae4j.model.Architecture;
import org.vae4j.model.Hierarchy;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import org.vae4j.model.PriorKind;
import picocli.CommandLine.Option;

/** train's options that describe the model, and the configuration they make for the data at hand. */
final class ModelOptions {

    static final int MOG_COMPONENTS = 10;
    static final int VAMP_COMPONENTS = 100;
    static final String MLP_HIDDEN = "400";
    static final String CONV_HIDDEN = "256";

    @Option(names = "--model", defaultValue = "vae", paramLabel = "vae|ae|cvae|hvae",
            description = "vae (variational), ae (deterministic auto-encoder), cvae (class-conditional VAE, labelled "
                    + "data) or hvae (hierarchical VAE: two or more stochastic layers, --latent 64,32); default: "
                    + "${DEFAULT-VALUE}")
    ModelKind kind;

    @Option(names = "--latent", defaultValue = "20", split = ",", paramLabel = "L",
            description = "size of z; for an hvae one size per stochastic layer, the layer next to x first, e.g. "
                    + "64,32 (default: ${DEFAULT-VALUE})")
    List<Integer> latent;

    @Option(names = "--arch", defaultValue = "mlp", paramLabel = "mlp|conv",
            description = "the networks next to x: mlp (dense layers) or conv (stride-2 convolutions with --channels, "
                    + "then dense layers; any image size); default: ${DEFAULT-VALUE}")
    Architecture architecture;

    @Option(names = "--channels", split = ",", paramLabel = "C",
            description = "conv: the channels of each stride-2 convolution, kernel 4 (default: 32,64)")
    List<Integer> channels;

    @Option(names = "--hidden", split = ",", paramLabel = "H",
            description = "hidden dense layer sizes of the encoder, mirrored by the decoder (default: " + MLP_HIDDEN
                    + " for mlp, " + CONV_HIDDEN + " for conv: the sizes of the PyTorch references)")
    List<Integer> hidden;

    @Option(names = "--inference", defaultValue = "top-down", paramLabel = "bottom-up|top-down",
            description = "hvae: bottom-up (Burda et al.: q(z1|x) q(z2|z1)) or top-down (the ladder VAE: a "
                    + "deterministic pass up from x, then each q(z_l|z_l+1, x) a shift and scale of the prior p(z_l|z_l+1), as "
                    + "in NVAE, and a decoder reading every layer; train it with --warmup); default: ${DEFAULT-VALUE}")
    String inference;

    @Option(names = "--likelihood", defaultValue = "bernoulli", paramLabel = "FAMILY",
            description = "decoder p(x|z): bernoulli, gaussian (fixed --sigma), gaussian-learned, or a probability "
                    + "mass function (pmf) over the 256 levels of 8-bit pixels, whose -log p(x) is a code length in "
                    + "bits per dimension: discretized-logistic or beta-binomial (default: ${DEFAULT-VALUE})")
    Likelihood likelihood;

    @Option(names = "--sigma", defaultValue = "0.1", description = "std of the gaussian decoder (default: ${DEFAULT-VALUE})")
    double sigma;

    @Option(names = "--prior", defaultValue = "standard", paramLabel = "standard|mog|vamp",
            description = "p(z) of a vae: standard (N(0, I)), mog (a learned mixture of --components Gaussians) or "
                    + "vamp (the VampPrior: the encoder's posteriors at --components learned pseudo-inputs, "
                    + "trainable stand-in images); default: ${DEFAULT-VALUE}")
    PriorKind prior;

    @Option(names = "--components", paramLabel = "K",
            description = "mixture components of a learned prior (default: " + MOG_COMPONENTS + " for mog, "
                    + VAMP_COMPONENTS + " for vamp)")
    Integer components;

    /** The configuration of a new model for {@code split} (its shape, channels and, for a cvae, classes). */
    ModelConfig config(DataSplit split, String dataName) {
        ModelConfig.Builder builder = ModelConfig.builder().kind(kind)
                .shape(split.train().height(), split.train().width()).channels(split.train().channels())
                .latents(latent).hidden(hidden()).likelihood(likelihood).sigma(sigma)
                .classes(kind == ModelKind.CVAE ? classes(split, dataName) : 0).prior(prior, components())
                .hierarchy(kind == ModelKind.HVAE ? Hierarchy.parse(inference) : Hierarchy.NONE);
        if (architecture == Architecture.CONV) {
            builder.convolutional(channels == null ? List.of(32, 64) : channels);
        } else if (channels != null) {
            throw new IllegalArgumentException("--channels is for --arch conv");
        }
        return builder.build();
    }

    /** --hidden, or the default of the architecture. */
    private List<Integer> hidden() {
        if (hidden != null) {
            return hidden;
        }
        return List.of(Integer.parseInt(architecture == Architecture.CONV ? CONV_HIDDEN : MLP_HIDDEN));
    }

    /** K of the prior: as given, or the default of a learned prior; 0 for the standard prior. */
    private int components() {
        if (components != null) {
            if (!prior.isLearned()) {
                throw new IllegalArgumentException("--components is for --prior mog or vamp");
            }
            return components;
        }
        return switch (prior) {
            case STANDARD -> 0;
            case MOG -> MOG_COMPONENTS;
            case VAMP -> VAMP_COMPONENTS;
        };
    }

    /** The number of classes a cvae conditions on: 1 + the largest training label. */
    private static int classes(DataSplit split, String dataName) {
        if (!split.train().hasLabels()) {
            throw new InputException(dataName + ": a cvae needs labelled data, and this data has no labels"
                    + " (for a CSV file, name the label column with --label-column)");
        }
        int max = 0;
        for (int label : split.train().labels()) {
            max = Math.max(max, label);
        }
        for (int label : split.test().labels()) {
            if (label > max) {
                throw new InputException(dataName + ": test label " + label + " does not occur in training");
            }
        }
        return max + 1;
    }

    /**
     * Refuses the architecture flags given on --resume ({@code given} says which) that differ from the saved
     * model's, naming the flag.
     */
    void requireSame(ModelConfig saved, Predicate<String> given, String runFolder) {
        check(given, "--model", kind, saved.kind(), runFolder);
        check(given, "--latent", latent, saved.latents(), runFolder);
        check(given, "--arch", architecture, saved.architecture(), runFolder);
        check(given, "--channels", channels, saved.filters(), runFolder);
        check(given, "--hidden", hidden, saved.hidden(), runFolder);
        if (given.test("--inference")) {
            check(given, "--inference", Hierarchy.parse(inference), saved.hierarchy(), runFolder);
        }
        check(given, "--likelihood", likelihood, saved.likelihood(), runFolder);
        check(given, "--sigma", sigma, saved.sigma(), runFolder);
        check(given, "--prior", prior, saved.prior(), runFolder);
        check(given, "--components", components, saved.components(), runFolder);
    }

    private static void check(Predicate<String> given, String flag, Object asked, Object saved, String runFolder) {
        if (given.test(flag) && !asked.equals(saved)) {
            throw new IllegalArgumentException(flag + " " + text(asked) + " differs from the model in " + runFolder
                    + " (" + text(saved) + "); --resume continues the saved architecture, so drop " + flag);
        }
    }

    private static String text(Object value) {
        return value instanceof Enum<?> e ? e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                : value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
    }
}
