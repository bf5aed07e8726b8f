package org.vae4j.cli;

import java.util.function.Predicate;
import org.vae4j.model.ModelConfig;
import org.vae4j.objective.GradientEstimator;
import org.vae4j.objective.ObjectiveKind;
import org.vae4j.train.TrainConfig;
import picocli.CommandLine.Option;

/** train's options that say how to train, and the settings they make (new or resumed). */
final class TrainingOptions {

    @Option(names = "--epochs", defaultValue = "10", description = "train until this epoch (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = "128", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--beta", defaultValue = "1", description = "weight of the KL term, beta-VAE (default: ${DEFAULT-VALUE})")
    double beta;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "EPOCHS",
            description = "KL warm-up: the KL weight rises linearly from 0 to beta over this many epochs (default: "
                    + "${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--free-bits", defaultValue = "0", paramLabel = "NATS",
            description = "free bits: each stochastic layer's KL, averaged over the batch, counts as at least this "
                    + "many nats, so training cannot shut a layer down to save them (Kingma et al. 2016); default: "
                    + "${DEFAULT-VALUE}")
    double freeBits;

    @Option(names = "--objective", defaultValue = "elbo", paramLabel = "elbo|iwae",
            description = "the bound to maximize: elbo, or iwae (the importance-weighted bound with --k samples); "
                    + "default: ${DEFAULT-VALUE}")
    ObjectiveKind objective;

    @Option(names = "--k", paramLabel = "K", description = "importance samples per example for --objective iwae (default: 5)")
    Integer k;

    @Option(names = "--estimator", defaultValue = "reparam", paramLabel = "reparam|score",
            description = "gradient of E_q[log p(x|z)] for the encoder: reparam (pathwise: through z = mu + sigma eps) "
                    + "or score (REINFORCE, the score-function estimator, with a baseline; far noisier); default: "
                    + "${DEFAULT-VALUE}")
    GradientEstimator estimator;

    @Option(names = "--binarize", description = "dynamic binarization: each training batch is drawn as x ~ Bernoulli(pixel)")
    boolean binarize;

    /** The settings of a new run. */
    TrainConfig settings(long seed) {
        if (k != null && objective != ObjectiveKind.IWAE) {
            throw new IllegalArgumentException("--k is for --objective iwae");
        }
        return new TrainConfig(epochs, batch, lr, beta, warmup, binarize, seed)
                .withObjective(objective, objective == ObjectiveKind.IWAE ? (k == null ? 5 : k) : 1)
                .withEstimator(estimator).withFreeBits(freeBits);
    }

    /**
     * The settings of a resumed run: the saved ones, with what the command line gives explicitly ({@code
     * given} says which flags it gives). The library applies a new --epochs, --lr or --batch (and records it)
     * and refuses any other change.
     */
    TrainConfig resumed(TrainConfig saved, long seed, Predicate<String> given) {
        return new TrainConfig(epochs,
                given.test("--batch") ? batch : saved.batchSize(),
                given.test("--lr") ? lr : saved.learningRate(),
                given.test("--beta") ? beta : saved.beta(),
                given.test("--warmup") ? warmup : saved.warmupEpochs(),
                given.test("--binarize") ? binarize : saved.binarize(),
                given.test("--seed") ? seed : saved.seed(),
                given.test("--objective") ? objective : saved.objective(),
                given.test("--k") ? k : saved.k(),
                given.test("--estimator") ? estimator : saved.estimator(),
                given.test("--free-bits") ? freeBits : saved.freeBits());
    }

    /** The score-function estimator needs the standard prior: said with the flags, before any work. */
    static void requireEstimatorFits(ModelConfig config, TrainConfig training) {
        if (training.estimator() == GradientEstimator.SCORE_FUNCTION && config.prior().isLearned()) {
            throw new IllegalArgumentException("--estimator score needs the standard prior, whose KL is analytic; "
                    + "drop --prior " + config.prior().id() + " or use --estimator reparam");
        }
    }
}
