package org.vae4j.dist;

/**
 * The stream ids of {@link Rng#forStream}: every random draw of the library comes from one of these
 * streams of the user's seed, so two computations never share noise by accident and each can be
 * reproduced alone. Training epochs use their own number (1, 2, ...) as the stream.
 */
public final class RngStreams {

    /** Initialization of a model's parameters (and of a learned prior's, after them). */
    public static final long INITIALIZATION = 0;
    /** The test pass after each training epoch. */
    public static final long EPOCH_TEST_PASS = -1;
    /** The fixed binarization of data evaluated by a model trained on binarized data. */
    public static final long BINARIZATION = -2;
    /** Draws of z for the ELBO when a trained model is scored (shares its id with epoch 1 of training). */
    public static final long SCORE_ELBO = 1;
    /** Importance samples of the IWAE estimate when a trained model is scored. */
    public static final long SCORE_IWAE = 2;
    /** Draws z ~ p(z) decoded as samples. */
    public static final long SAMPLES = 3;
    /** Amortization gap: the noise of the per-example refinement. */
    public static final long REFINE = 1;
    /** Amortization gap: the draws shared by the amortized and the refined ELBO. */
    public static final long REFINE_ELBO = 2;
    /** Amortization gap: the importance samples of the IWAE estimate. */
    public static final long REFINE_IWAE = 3;
    /** Likelihood estimators: stream = (kind + 1) * this + M, one per estimator and sample count. */
    public static final long PER_LIKELIHOOD_KIND = 1L << 40;
    /** Gradient-variance study: stream = estimator * this + S, one per estimator and sample count. */
    public static final long PER_GRADIENT_ESTIMATOR = 1_000_003L;

    /** The stratified subsets commands take with --n ({@code Dataset.stratifiedSubset}). */
    public static final long SUBSET = -4;
    /** The fixed seed of {@link #SUBSET}: the same subset for every command and run. */
    public static final long SUBSET_SEED = 20261202;

    /** The seed whose {@link #BINARIZATION} stream binarizes evaluation data once and for all. */
    public static final long BINARIZATION_SEED = 1234567;

    private RngStreams() {
    }
}
