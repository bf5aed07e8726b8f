package org.vae4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.vae4j.data.Dataset;
import org.vae4j.dist.DiagonalGaussian;
import org.vae4j.error.InputException;
import org.vae4j.io.ModelStore.LoadedModel;
import org.vae4j.model.LatentModel;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.Vae;
import org.vae4j.data.ResidentData;

/**
 * Codes of data under a trained model, and decoder means of given codes, computed in batches that
 * each live in their own sub-manager. A class-conditional model is given each example's one-hot label.
 */
final class Codes {

    /** Examples per batch. */
    static final int BATCH = 500;
    /** Seed of the fixed binarization of training data for models trained on binarized data. */
    static final long TRAIN_BINARIZATION_SEED = Workspace.TEST_BINARIZATION_SEED + 1;

    private Codes() {
    }

    /** The training split as the model sees it: one fixed binarization if it was trained on binarized data. */
    static ResidentData trainView(LoadedModel loaded, Dataset train, NDManager manager) {
        ResidentData data = ResidentData.of(train, manager);
        return loaded.info().training().binarize() ? data.binarized(TRAIN_BINARIZATION_SEED) : data;
    }

    /**
     * Fails with a one-line message unless a class-conditional model gets labels it knows; an
     * unconditional model takes any data.
     */
    static void checkConditioning(LoadedModel loaded, Dataset data, String dataName) {
        int classes = loaded.model().config().classes();
        if (classes == 0) {
            return;
        }
        if (!data.hasLabels()) {
            throw new InputException(dataName + ": the class-conditional model in " + loaded.dir()
                    + " needs labelled data (for a CSV file, name the label column with --label-column)");
        }
        for (int label : data.labels()) {
            if (label >= classes) {
                throw new InputException(dataName + ": label " + label + " is outside the classes 0.." + (classes - 1)
                        + " of the model in " + loaded.dir());
            }
        }
    }

    /** The deterministic code of every row (VAE: mean of q(z|x,y); AE: f(x,y)): [n * L], row-major. */
    static float[] codes(LatentModel model, ResidentData data, NDManager parent) {
        int n = data.size();
        int l = model.config().latentDim();
        float[] codes = new float[n * l];
        for (int start = 0; start < n; start += BATCH) {
            int end = Math.min(n, start + BATCH);
            try (NDManager m = parent.newSubManager()) {
                NDArray x = rows(data.x(), start, end, m);
                NDArray condition = model.condition(m, rows(data.labels(), start, end));
                float[] z = model.code(LatentModel.inference(m), x, condition).toFloatArray();
                System.arraycopy(z, 0, codes, start * l, z.length);
            }
        }
        return codes;
    }

    /**
     * The deterministic code of every row with one condition row [C] for all (e.g. the uniform blend of the
     * labels, which tells the encoder nothing about the class): [n * L], row-major.
     */
    static float[] codes(LatentModel model, ResidentData data, float[] conditionRow, NDManager parent) {
        int n = data.size();
        int l = model.config().latentDim();
        int c = conditionRow.length;
        float[] codes = new float[n * l];
        for (int start = 0; start < n; start += BATCH) {
            int end = Math.min(n, start + BATCH);
            try (NDManager m = parent.newSubManager()) {
                NDArray x = rows(data.x(), start, end, m);
                NDArray condition = m.create(conditionRow, new Shape(1, c)).broadcast(new Shape(end - start, c));
                float[] z = model.code(LatentModel.inference(m), x, condition).toFloatArray();
                System.arraycopy(z, 0, codes, start * l, z.length);
            }
        }
        return codes;
    }

    /** The mean and log-variance of q(z|x,y) of every row: two arrays of [n * L], row-major. */
    static float[][] posterior(Vae vae, ResidentData data, NDManager parent) {
        int n = data.size();
        int l = vae.config().latentDim();
        float[] mean = new float[n * l];
        float[] logVar = new float[n * l];
        for (int start = 0; start < n; start += BATCH) {
            int end = Math.min(n, start + BATCH);
            try (NDManager m = parent.newSubManager()) {
                NDArray x = rows(data.x(), start, end, m);
                NDArray condition = vae.condition(m, rows(data.labels(), start, end));
                DiagonalGaussian q = vae.posterior(LatentModel.inference(m), x, condition, false);
                float[] mu = q.mean().toFloatArray();
                float[] lv = q.logVar().toFloatArray();
                System.arraycopy(mu, 0, mean, start * l, mu.length);
                System.arraycopy(lv, 0, logVar, start * l, lv.length);
            }
        }
        return new float[][] {mean, logVar};
    }

    /**
     * The decoder means E[x | z, y] of n codes.
     *
     * @param z n * L codes, row-major
     * @param condition n * C condition rows (one-hot labels, or blends of them) for a class-conditional
     *     model; null for an unconditional one
     * @return n * D values, row-major
     */
    static float[] decodeMeans(LatentModel model, float[] z, int n, float[] condition, NDManager parent) {
        ModelConfig config = model.config();
        int l = config.latentDim();
        int c = config.classes();
        int d = config.inputDim();
        float[] means = new float[n * d];
        for (int start = 0; start < n; start += BATCH) {
            int end = Math.min(n, start + BATCH);
            try (NDManager m = parent.newSubManager()) {
                NDArray codes = m.create(Arrays.copyOfRange(z, start * l, end * l), new Shape(end - start, l));
                NDArray cond = condition == null ? null
                        : m.create(Arrays.copyOfRange(condition, start * c, end * c), new Shape(end - start, c));
                float[] x = model.decode(LatentModel.inference(m), codes, cond, false).mean().toFloatArray();
                System.arraycopy(x, 0, means, start * d, x.length);
            }
        }
        return means;
    }

    /** m indices spread evenly over 0..total-1: i * total / m (test sets are often sorted by class). */
    static int[] spread(int total, int m) {
        int[] rows = new int[m];
        for (int i = 0; i < m; i++) {
            rows[i] = (int) ((long) i * total / m);
        }
        return rows;
    }

    /** How titles name a model's kind. */
    static String kindName(ModelConfig config) {
        return switch (config.kind()) {
            case VAE -> "VAE";
            case AE -> "auto-encoder";
            case CVAE -> "class-conditional VAE";
        };
    }

    private static NDArray rows(NDArray data, int start, int end, NDManager manager) {
        NDArray x = data.get(new NDIndex("{}:{}", start, end));
        x.attach(manager);
        return x;
    }

    private static int[] rows(int[] labels, int start, int end) {
        return labels == null ? null : Arrays.copyOfRange(labels, start, end);
    }
}
