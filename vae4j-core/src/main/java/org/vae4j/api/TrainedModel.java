package org.vae4j.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.vae4j.data.CsvReader;
import org.vae4j.data.DataOptions;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.data.ResidentData;
import org.vae4j.data.Rows;
import org.vae4j.dist.DiagonalGaussian;
import org.vae4j.dist.Rng;
import org.vae4j.dist.RowNoise;
import org.vae4j.dist.RngStreams;
import org.vae4j.error.InputException;
import org.vae4j.infer.AmortizationGap;
import org.vae4j.infer.ElboTerms;
import org.vae4j.infer.Evaluation;
import org.vae4j.infer.Evaluator;
import org.vae4j.infer.GradientStatistics;
import org.vae4j.infer.GradientVariance;
import org.vae4j.infer.LikelihoodEstimate;
import org.vae4j.infer.MarginalLikelihoodEstimator;
import org.vae4j.host.EngineThreads;
import org.vae4j.io.ModelInfo;
import org.vae4j.io.ModelStore;
import org.vae4j.model.LatentModel;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.Vae;
import org.vae4j.model.VariationalModel;

/**
 * A trained model and everything one asks of it: codes, decodes, samples, reconstructions, scores,
 * interpolations, latent grids, analogies, the least likely examples. Data goes in as a {@link Dataset}
 * (read it with {@link #readData} or {@link #readRows}, which apply the model's CSV scaling), codes as
 * row-major float arrays; results come back as Java arrays. Work runs in batches of {@value #BATCH}
 * examples, each in its own sub-manager closed before the next, so memory does not grow with the data.
 *
 * <p>A model trained on binarized data ({@code --binarize}) sees every dataset binarized once with a
 * fixed seed ({@link #view}), as it was evaluated during training.
 *
 * <p>Threads: the parameters are read-only once loaded, and every call computes in its own sub-manager
 * of the model's manager and returns plain arrays, so several threads may call one model at once (the
 * web explorer's requests, Spark's tasks in one executor). {@link #close} must not race a call.
 */
public final class TrainedModel implements AutoCloseable {

    /** Examples per batch of every computation. */
    public static final int BATCH = 500;

    private final LatentModel network;
    private final ModelInfo info;
    private final Path dir;
    private final NDManager owner;

    private TrainedModel(LatentModel network, ModelInfo info, Path dir, NDManager owner) {
        this.network = network;
        this.info = info;
        this.dir = dir;
        this.owner = owner;
    }

    /**
     * Loads the model of a run folder (or of a model folder itself), every file checked.
     *
     * @throws InputException if there is no model there or a file is missing or corrupt
     */
    public static TrainedModel load(Path dir) {
        EngineThreads.forInference();
        NDManager root = NDManager.newBaseManager();
        try {
            ModelStore.LoadedModel loaded = ModelStore.loadForInference(dir, root);
            return new TrainedModel(loaded.model(), loaded.info(), loaded.dir(), root);
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /**
     * A model in memory, for whoever built it (the training builder): closing the result does not free
     * the network, its creator does.
     *
     * @param dir the model folder it is saved in, or null
     */
    public static TrainedModel of(LatentModel network, ModelInfo info, Path dir) {
        return new TrainedModel(network, info, dir, null);
    }

    /** Everything model.json says: architecture, training settings, data provenance. */
    public ModelInfo info() {
        return info;
    }

    public ModelConfig config() {
        return network.config();
    }

    /** The model folder it was loaded from or saved to; null for a model never saved. */
    public Path dir() {
        return dir;
    }

    /** True for a VAE (a prior, a posterior q(z|x) and a likelihood); false for an auto-encoder. */
    public boolean isVariational() {
        return config().kind().isVariational();
    }

    /** The number of classes a class-conditional model takes (0 for others). */
    public int classes() {
        return config().classes();
    }

    public int latentDim() {
        return config().latentDim();
    }

    /**
     * The networks themselves, for library modules that run them in their own way (the bits-back coder);
     * everyone else asks this class.
     */
    public LatentModel network() {
        return network;
    }

    /** The number of trainable scalars. */
    public long parameterCount() {
        return network.parameterCount();
    }

    // ---- data ------------------------------------------------------------------------------------

    /**
     * Reads DATA for this model: a CSV file with the scaling and split seed the model was trained with,
     * image data as it is; its shape must fit the model.
     *
     * @throws InputException naming DATA when it does not fit
     */
    public DataSplit readData(String data, DataOptions options) {
        return info.readData(data, options, String.valueOf(dir));
    }

    /**
     * Every row of a CSV file, unsplit (new data to encode or score), scaled as the model's training data
     * was; for a model of images the values are taken as they are and must lie in [0, 1].
     *
     * @param labelColumn header name or 0-based index of an integer label column; null for none
     */
    public Dataset readRows(Path csv, String labelColumn) {
        Dataset rows = CsvReader.readAll(csv, labelColumn, info.scaling());
        requireShape(rows, csv.toString());
        return rows;
    }

    /** Fails with one line naming {@code name} unless the examples have the model's D values. */
    public void requireShape(Dataset data, String name) {
        info.requireShape(data, name, String.valueOf(dir));
    }

    /**
     * Fails with one line naming {@code name} unless a class-conditional model gets labels it knows; an
     * unconditional model takes any data.
     */
    public void requireLabels(Dataset data, String name) {
        int classes = classes();
        if (classes == 0) {
            return;
        }
        if (!data.hasLabels()) {
            throw new InputException(name + ": the class-conditional model in " + dir
                    + " needs labelled data (for a CSV file, name its label column)");
        }
        for (int label : data.labels()) {
            if (label >= classes) {
                throw new InputException(name + ": label " + label + " is outside the classes 0.." + (classes - 1)
                        + " of the model in " + dir);
            }
        }
    }

    /**
     * The data as the model sees it: binarized once, with the fixed seed
     * {@link RngStreams#BINARIZATION_SEED}, if the model was trained on binarized data; otherwise the data.
     */
    public Dataset view(Dataset data) {
        return info.training().binarize() ? data.binarized(RngStreams.BINARIZATION_SEED) : data;
    }

    // ---- codes -----------------------------------------------------------------------------------

    /**
     * The code of every example: the mean and log-variance of q(z|x) (a class-conditional model: q(z|x,y)
     * with each example's label), or an auto-encoder's f(x).
     */
    public Encoding encode(Dataset data) {
        requireLabels(data, data.name());
        return encode(view(data), null);
    }

    /**
     * As {@link #encode}, but a class-conditional model is given the uniform blend of its labels in place
     * of each example's label, so the codes carry no label (for classifiers trained on them).
     */
    public Encoding encodeWithoutLabels(Dataset data) {
        if (classes() == 0) {
            return encode(data);
        }
        float[] uniform = new float[classes()];
        Arrays.fill(uniform, 1f / classes());
        return encode(view(data), uniform);
    }

    /** Codes of the rows of {@code data}, conditioned on their labels, or on {@code conditionRow} for all. */
    private Encoding encode(Dataset data, float[] conditionRow) {
        EngineThreads.forInference();
        int n = data.n();
        int l = latentDim();
        float[] mean = new float[n * l];
        float[] logVar = isVariational() ? new float[n * l] : null;
        Rows rows = Rows.of(data);
        for (int start = 0; start < n; start += BATCH) {
            int end = Math.min(n, start + BATCH);
            try (NDManager m = network.manager().newSubManager()) {
                NDArray x = rows.rows(start, end, m);
                NDArray condition = conditionRow == null ? network.condition(m, rows.labels(start, end))
                        : m.create(conditionRow, new Shape(1, conditionRow.length))
                                .broadcast(new Shape(end - start, conditionRow.length));
                ParameterStore ps = LatentModel.inference(m);
                if (network instanceof VariationalModel variational) {
                    DiagonalGaussian q = variational.codePosterior(ps, x, condition);
                    System.arraycopy(q.mean().toFloatArray(), 0, mean, start * l, (end - start) * l);
                    System.arraycopy(q.logVar().toFloatArray(), 0, logVar, start * l, (end - start) * l);
                } else {
                    System.arraycopy(network.code(ps, x, condition).toFloatArray(), 0, mean, start * l, (end - start) * l);
                }
            }
        }
        return new Encoding(n, l, mean, logVar);
    }

    // ---- decodes ---------------------------------------------------------------------------------

    /** The decoder means E[x|z] of n codes (n * L values, row-major) of an unconditional model. */
    public Images decode(float[] z, int n) {
        return decode(z, n, (float[]) null);
    }

    /** The decoder means E[x|z, y] of n codes, each with its label y (a class-conditional model). */
    public Images decode(float[] z, int n, int[] labels) {
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " codes");
        }
        return decode(z, n, labels == null ? null : oneHot(labels));
    }

    /**
     * The decoder means of n codes with n condition rows of C values each (one-hot labels, or blends of
     * them) for a class-conditional model; null for an unconditional one.
     */
    public Images decode(float[] z, int n, float[] conditions) {
        EngineThreads.forInference();
        int l = latentDim();
        int c = classes();
        if ((long) n * l != z.length) {
            throw new IllegalArgumentException(z.length + " values are not " + n + " codes of " + l);
        }
        if (c > 0 && (conditions == null || conditions.length != (long) n * c)) {
            throw new IllegalArgumentException("a class-conditional model needs " + c + " condition values per code");
        }
        if (c == 0 && conditions != null) {
            throw new IllegalArgumentException("the model is not class-conditional, so it takes no labels");
        }
        int d = config().inputDim();
        float[] means = new float[n * d];
        for (int start = 0; start < n; start += BATCH) {
            int end = Math.min(n, start + BATCH);
            try (NDManager m = network.manager().newSubManager()) {
                NDArray codes = m.create(Arrays.copyOfRange(z, start * l, end * l), new Shape(end - start, l));
                NDArray condition = c == 0 ? null
                        : m.create(Arrays.copyOfRange(conditions, start * c, end * c), new Shape(end - start, c));
                float[] x = network.decode(LatentModel.inference(m), codes, condition, false).mean().toFloatArray();
                System.arraycopy(x, 0, means, start * d, x.length);
            }
        }
        return images(n, means);
    }

    /**
     * n samples: decoder means E[x|z] of z ~ p(z), drawn from stream {@link RngStreams#SAMPLES} of
     * {@code seed}; a class-conditional model draws sample i with label i mod C (a C-column grid shows one
     * class per column).
     */
    public Images sample(int n, long seed) {
        int[] labels = null;
        if (classes() > 0) {
            labels = new int[n];
            Arrays.setAll(labels, i -> i % classes());
        }
        return sample(n, labels, seed);
    }

    /** Samples of a class-conditional model, sample i with {@code labels[i]}. */
    public Images sample(int[] labels, long seed) {
        return sample(labels.length, labels, seed);
    }

    private Images sample(int n, int[] labels, long seed) {
        VariationalModel model = requireVariational("has no prior to sample from");
        if (n < 1) {
            throw new IllegalArgumentException("the number of samples must be at least 1, got " + n);
        }
        Rng rng = Rng.forStream(seed, RngStreams.SAMPLES);
        int d = config().inputDim();
        float[] means = new float[Math.multiplyExact(n, d)];
        for (int start = 0; start < n; start += BATCH) {
            int end = Math.min(n, start + BATCH);
            try (NDManager m = network.manager().newSubManager()) {
                ParameterStore ps = LatentModel.inference(m);
                NDArray condition = network.condition(m, labels == null ? null : Arrays.copyOfRange(labels, start, end));
                float[] x = model.generate(ps, end - start, condition, rng).mean().toFloatArray();
                System.arraycopy(x, 0, means, start * d, x.length);
            }
        }
        return images(n, means);
    }

    /** The decoder means E[x | z = code(x)] of every example (its label too, for a class-conditional model). */
    public Images reconstruct(Dataset data) {
        EngineThreads.forInference();
        Encoding codes = encode(data);
        return decode(codes.mean(), codes.n(), data.hasLabels() && classes() > 0 ? data.labels() : null);
    }

    /**
     * Every example's code decoded with every label of a class-conditional model (the lecture's analogies:
     * the style of x, the class y): n * C images, example after example, labels 0..C-1 within each.
     */
    public Images analogies(Dataset data) {
        EngineThreads.forInference();
        requireConditional();
        Encoding codes = encode(data);
        int c = classes();
        int l = latentDim();
        float[] repeated = new float[codes.n() * c * l];
        int[] labels = new int[codes.n() * c];
        for (int i = 0; i < codes.n(); i++) {
            for (int y = 0; y < c; y++) {
                System.arraycopy(codes.mean(), i * l, repeated, (i * c + y) * l, l);
                labels[i * c + y] = y;
            }
        }
        return decode(repeated, labels.length, labels);
    }

    /** Every example's code (with its own label) decoded with {@code label} instead. */
    public Images analogy(Dataset data, int label) {
        EngineThreads.forInference();
        requireConditional();
        Encoding codes = encode(data);
        int[] labels = new int[codes.n()];
        Arrays.fill(labels, label);
        return decode(codes.mean(), codes.n(), labels);
    }

    /**
     * Decodes the path between the codes of examples {@code from} and {@code to} of {@code data} (both
     * ends included); a class-conditional model decodes z(t) with the blend (1 - t) y_from + t y_to of the
     * two one-hot labels.
     */
    public Images interpolate(Dataset data, int from, int to, int steps, Interpolation kind) {
        Dataset ends = data.subset(new int[] {from, to});
        Encoding codes = encode(ends);
        float[] path = kind.path(codes.code(0), codes.code(1), steps);
        float[] conditions = null;
        int c = classes();
        if (c > 0) {
            conditions = new float[steps * c];
            for (int s = 0; s < steps; s++) {
                double t = (double) s / (steps - 1);
                conditions[s * c + ends.labels()[0]] += (float) (1 - t);
                conditions[s * c + ends.labels()[1]] += (float) t;
            }
        }
        return decode(path, steps, conditions);
    }

    /** The decoder means over a grid of codes, G * G images in picture order (an unconditional model). */
    public Images grid(LatentGrid grid) {
        requireGridFits(grid);
        return decode(grid.codes(), grid.size() * grid.size());
    }

    /** The decoder means over a grid of codes, all with {@code label} (a class-conditional model). */
    public Images grid(LatentGrid grid, int label) {
        requireGridFits(grid);
        requireConditional();
        int[] labels = new int[grid.size() * grid.size()];
        Arrays.fill(labels, label);
        return decode(grid.codes(), labels.length, labels);
    }

    /**
     * The active units of every stochastic layer (Burda et al. 2016, sec. 5.2): unit u is active when
     * A_u = Cov_x(E_q(u|x)[u]) > {@code threshold} (they take 0.01), the posterior means taken along the mean
     * path; the layer next to x first.
     *
     * @return per layer, the activity A_u of each unit
     */
    public double[][] unitActivity(Dataset data) {
        EngineThreads.forInference();
        VariationalModel model = requireVariational("has no posterior whose units could be active");
        requireLabels(data, data.name());
        Dataset seen = view(data);
        Rows rows = Rows.of(seen);
        int n = seen.n();
        double[][] sum = null;
        double[][] sumSq = null;
        for (int start = 0; start < n; start += BATCH) {
            int end = Math.min(n, start + BATCH);
            try (NDManager m = network.manager().newSubManager()) {
                NDArray x = rows.rows(start, end, m);
                NDArray condition = network.condition(m, rows.labels(start, end));
                List<NDArray> means = model.layerMeans(LatentModel.inference(m), x, condition);
                if (sum == null) {
                    sum = new double[means.size()][];
                    sumSq = new double[means.size()][];
                }
                for (int l = 0; l < means.size(); l++) {
                    float[] values = means.get(l).toFloatArray();
                    int units = values.length / (end - start);
                    if (sum[l] == null) {
                        sum[l] = new double[units];
                        sumSq[l] = new double[units];
                    }
                    for (int i = 0; i < values.length; i++) {
                        sum[l][i % units] += values[i];
                        sumSq[l][i % units] += (double) values[i] * values[i];
                    }
                }
            }
        }
        double[][] activity = new double[sum.length][];
        for (int l = 0; l < sum.length; l++) {
            activity[l] = new double[sum[l].length];
            for (int u = 0; u < activity[l].length; u++) {
                double mean = sum[l][u] / n;
                activity[l][u] = Math.max(0, sumSq[l][u] / n - mean * mean);
            }
        }
        return activity;
    }

    /** The number of active units of each layer: activity above {@code threshold} (Burda et al.: 0.01). */
    public static int[] activeUnits(double[][] activity, double threshold) {
        int[] counts = new int[activity.length];
        for (int l = 0; l < activity.length; l++) {
            for (double a : activity[l]) {
                counts[l] += a > threshold ? 1 : 0;
            }
        }
        return counts;
    }

    /** The 2-D projection of codes: as they are for L = 2, their first two principal components for more. */
    public Projection project2d(Encoding codes) {
        return Projection.fit(codes);
    }

    // ---- scores ----------------------------------------------------------------------------------

    /**
     * Scores every example: the ELBO's terms with one draw of z, the IWAE estimate of -log p(x) with k
     * importance samples (a VAE), and the squared reconstruction error of the decoder means.
     */
    public Scores score(Dataset data, Scoring scoring) {
        EngineThreads.forInference();
        requireLabels(data, data.name());
        Rows rows = Rows.of(view(data));
        Evaluator evaluator = new Evaluator(network, BATCH);
        ElboTerms terms = evaluator.elboTerms(rows, Rng.forStream(scoring.seed(), RngStreams.SCORE_ELBO));
        float[] nll = null;
        if (network instanceof VariationalModel variational) {
            MarginalLikelihoodEstimator iwae = MarginalLikelihoodEstimator.Kind.IMPORTANCE.create(variational,
                    scoring.importanceSamples());
            nll = evaluator.logMarginals(rows, iwae, Rng.forStream(scoring.seed(), RngStreams.SCORE_IWAE),
                    scoring.progress());
            for (int i = 0; i < nll.length; i++) {
                nll[i] = -nll[i];
            }
        }
        return new Scores(data.n(), nll == null ? 0 : scoring.importanceSamples(), data.dim(), terms.recon(),
                terms.kl(), nll, evaluator.squaredErrors(rows));
    }

    /**
     * As {@link #score}, but every row's noise is its own: row i draws from streams
     * {@link RngStreams#SCORE_ELBO} and {@link RngStreams#SCORE_IWAE} of the seed mixed with its key
     * ({@link RowNoise}), so a row gets the same scores in any batch, any order, any partition of a
     * distributed job. The numbers differ from {@link #score}'s, whose noise runs across the batch.
     *
     * @param keys one stable key per row (a key column, or {@link RowNoise#key} of its values)
     */
    public Scores scoreRows(Dataset data, long[] keys, Scoring scoring) {
        EngineThreads.forInference();
        requireLabels(data, data.name());
        if (keys.length != data.n()) {
            throw new IllegalArgumentException(keys.length + " keys for " + data.n() + " rows");
        }
        Dataset seen = view(data);
        int n = seen.n();
        float[] recon = new float[n];
        float[] kl = new float[n];
        float[] nll = network instanceof VariationalModel ? new float[n] : null;
        float[] squaredError = new float[n];
        MarginalLikelihoodEstimator iwae = network instanceof VariationalModel variational
                ? MarginalLikelihoodEstimator.Kind.IMPORTANCE.create(variational, scoring.importanceSamples()) : null;
        // one batch per evaluator call: the likelihood's rows per batch, as Evaluator#logMarginals sizes them
        int batch = iwae == null ? BATCH : Evaluator.rowsWithin(network.config().decodeFootprint(), iwae.chunk(), BATCH);
        Evaluator evaluator = new Evaluator(network, batch);
        for (int start = 0; start < n; start += batch) {
            int end = Math.min(n, start + batch);
            int[] indices = new int[end - start];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = start + i;
            }
            Rows rows = Rows.of(seen.subset(indices));
            ElboTerms terms = evaluator.elboTerms(rows,
                    RowNoise.rows(scoring.seed(), RngStreams.SCORE_ELBO, keys, start, end));
            System.arraycopy(terms.recon(), 0, recon, start, end - start);
            System.arraycopy(terms.kl(), 0, kl, start, end - start);
            if (iwae != null) {
                float[] logPx = evaluator.logMarginals(rows, iwae,
                        RowNoise.rows(scoring.seed(), RngStreams.SCORE_IWAE, keys, start, end), done -> { });
                for (int i = 0; i < logPx.length; i++) {
                    nll[start + i] = -logPx[i];
                }
            }
            System.arraycopy(evaluator.squaredErrors(rows), 0, squaredError, start, end - start);
            scoring.progress().accept(end);
        }
        return new Scores(n, nll == null ? 0 : scoring.importanceSamples(), seen.dim(), recon, kl, nll, squaredError);
    }

    /** {@link #scoreRows(Dataset, long[], Scoring)} keyed by each row's values ({@link RowNoise#key}). */
    public Scores scoreRows(Dataset data, Scoring scoring) {
        long[] keys = new long[data.n()];
        for (int i = 0; i < keys.length; i++) {
            float[] row = data.row(i);
            keys[i] = RowNoise.key(row, 0, row.length);
        }
        return scoreRows(data, keys, scoring);
    }

    /** The mean ELBO terms alone, one draw of z per example from stream {@link RngStreams#SCORE_ELBO}. */
    public Evaluation elbo(Dataset data, long seed) {
        EngineThreads.forInference();
        requireLabels(data, data.name());
        return new Evaluator(network, BATCH).elbo(Rows.of(view(data)), Rng.forStream(seed, RngStreams.SCORE_ELBO));
    }

    /**
     * The {@code count} examples the model finds least likely, least likely first: anomaly detection.
     * See {@link Scores#leastLikely}.
     */
    public List<Scores.Ranked> leastLikely(Dataset data, int count, Scoring scoring) {
        return score(data, scoring).leastLikely(count);
    }

    /**
     * The mean log p(x) over the examples by a Monte Carlo estimator with M samples per example (prior
     * sampling or importance sampling), noise from {@code rng}.
     */
    public LikelihoodEstimate estimateLikelihood(Dataset data, MarginalLikelihoodEstimator.Kind kind, int samples,
            Rng rng, IntConsumer progress) {
        EngineThreads.forInference();
        VariationalModel model = requireVariational("has no likelihood p(x)");
        requireLabels(data, data.name());
        return new Evaluator(network, BATCH).likelihood(Rows.of(view(data)), kind.create(model, samples), rng,
                progress);
    }

    /** The amortization and approximation gaps of the encoder's q on every example (see {@link AmortizationGap}). */
    public AmortizationGap.Report amortizationGap(Dataset data, AmortizationGap.Config config, int batchSize,
            long seed, IntConsumer progress) {
        EngineThreads.forInference();
        Vae vae = requireVae("has no posterior q(z|x) to refine");
        requireLabels(data, data.name());
        try (NDManager m = network.manager().newSubManager()) {
            ResidentData resident = ResidentData.of(view(data), m);
            return new AmortizationGap(vae, config, batchSize).evaluate(resident.rows(0, resident.size(), m),
                    resident.labels(), seed, progress);
        }
    }

    /**
     * The spread of repeated estimates of the gradient of the mean ELBO of {@code batch} with respect to
     * the encoder's parameters (see {@link GradientVariance}).
     */
    public GradientStatistics gradientVariance(Dataset batch, GradientVariance.Estimator estimator, int samples,
            int repeats, Rng rng, IntConsumer progress) {
        EngineThreads.forInference();
        Vae vae = requireVae("has no q(z|x) to draw from");
        requireLabels(batch, batch.name());
        try (NDManager m = network.manager().newSubManager()) {
            ResidentData resident = ResidentData.of(view(batch), m);
            NDArray condition = vae.condition(m, resident.labels());
            return new GradientVariance(vae).measure(resident.rows(0, resident.size(), m), condition, estimator,
                    samples, repeats, rng, progress);
        }
    }

    /** The number of encoder parameters whose gradient {@link #gradientVariance} measures. */
    public int encoderSize() {
        return new GradientVariance(requireVae("has no q(z|x)")).encoderSize();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private Images images(int n, float[] values) {
        return new Images(n, config().height(), config().width(), config().channels(), values);
    }

    private float[] oneHot(int[] labels) {
        int c = classes();
        if (c == 0) {
            throw new IllegalArgumentException("the model is not class-conditional, so it takes no labels");
        }
        float[] rows = new float[labels.length * c];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= c) {
                throw new IllegalArgumentException("label " + labels[i] + " is outside the model's classes 0.." + (c - 1));
            }
            rows[i * c + labels[i]] = 1f;
        }
        return rows;
    }

    private VariationalModel requireVariational(String problem) {
        if (network instanceof VariationalModel variational) {
            return variational;
        }
        throw new IllegalArgumentException(where() + "an auto-encoder, which " + problem + " (train a vae)");
    }

    /** The model as a one-layer VAE, for the tools written for one (refinement, gradient variance). */
    private Vae requireVae(String problem) {
        if (network instanceof Vae vae) {
            return vae;
        }
        requireVariational(problem);
        throw new IllegalArgumentException(where() + "a hierarchical VAE; this works on a one-layer vae only");
    }

    private void requireConditional() {
        if (classes() == 0) {
            throw new IllegalArgumentException(where() + "a " + config().kind().id()
                    + ", not a class-conditional model (train a cvae)");
        }
    }

    private void requireGridFits(LatentGrid grid) {
        if (grid.base().length != latentDim()) {
            throw new IllegalArgumentException("a grid of codes of " + grid.base().length + " values for a latent of "
                    + latentDim());
        }
    }

    private String where() {
        return (dir == null ? "the model" : dir.toString()) + " holds ";
    }

    /** Frees the model's arrays (a model loaded by {@link #load}; one made by {@link #of} is its creator's). */
    @Override
    public void close() {
        if (owner != null) {
            owner.close();
        }
    }
}
