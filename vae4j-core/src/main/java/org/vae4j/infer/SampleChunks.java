package org.vae4j.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * The sample loop the estimators share: M samples per example in chunks, each chunk in its own
 * sub-manager with its own copy of x, so memory is that of one chunk whatever M is. The chunks'
 * log-mean weights are combined with a running log-sum-exp per example, in double precision.
 */
final class SampleChunks {

    /** One chunk of samples. */
    @FunctionalInterface
    interface Chunk {
        /**
         * log (1/kc) sum_j w_j over {@code kc} fresh samples, shape [B]; x and condition live in the
         * chunk's manager.
         */
        NDArray logMeanWeight(NDArray x, NDArray condition, int kc);
    }

    private SampleChunks() {
    }

    /**
     * log (1/M) sum_{j=1..M} w_j per example, shape [B], in the manager of {@code x}: from the chunks'
     * log-means m_c over k_c samples, log sum_j w_j = logsumexp_c (m_c + log k_c).
     */
    static NDArray logMeanWeight(NDArray x, NDArray condition, int samples, int chunk, Chunk body) {
        if (samples < 1 || chunk < 1) {
            throw new IllegalArgumentException("samples and chunk must be positive, got " + samples + ", " + chunk);
        }
        int b = Math.toIntExact(x.getShape().get(0));
        RunningLogSumExp logSum = new RunningLogSumExp(b);
        for (int start = 0; start < samples; start += chunk) {
            int kc = Math.min(chunk, samples - start);
            try (NDManager scope = x.getManager().newSubManager()) {
                float[] logMean = body.logMeanWeight(Scoped.copy(x, scope), Scoped.copy(condition, scope), kc).toFloatArray();
                logSum.add(logMean, Math.log(kc));
            }
        }
        float[] result = logSum.total(-Math.log(samples));
        return x.getManager().create(result, new Shape(b));
    }

    /** log sum_j exp(v_j) per example, accumulated one value at a time: max + log sum exp(v - max). */
    static final class RunningLogSumExp {
        private final double[] max;
        private final double[] scaledSum;

        RunningLogSumExp(int b) {
            max = new double[b];
            scaledSum = new double[b];
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
        }

        /** Adds v_i = values_i + offset for every example i. */
        void add(float[] values, double offset) {
            for (int i = 0; i < max.length; i++) {
                double v = values[i] + offset;
                if (v == Double.NEGATIVE_INFINITY) {
                    continue; // a zero weight adds nothing
                }
                if (v > max[i]) {
                    // rescale the old sum to the new maximum: sum exp(u - v) = exp(max - v) sum exp(u - max)
                    scaledSum[i] = scaledSum[i] * Math.exp(max[i] - v) + 1;
                    max[i] = v;
                } else {
                    scaledSum[i] += Math.exp(v - max[i]); // NaN stays NaN
                }
            }
        }

        /** log sum_j exp(v_j) + offset per example (-infinity when every value was). */
        float[] total(double offset) {
            float[] out = new float[max.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (max[i] + Math.log(scaledSum[i]) + offset);
            }
            return out;
        }
    }
}
