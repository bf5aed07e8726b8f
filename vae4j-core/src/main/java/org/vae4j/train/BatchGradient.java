package org.vae4j.train;

import java.io.Serializable;

/**
 * The gradient of the summed loss sum_i (recon_i + beta kl_i) over some rows of a batch, flat in the
 * parameter vector's order, with the sums of the two terms: parts of one batch add up ({@link #plus}) to
 * the whole batch's, and the batch's mean-loss gradient is the total divided once by its rows.
 */
public record BatchGradient(float[] gradient, double reconSum, double klSum, int rows) implements Serializable {

    /** Zero rows: the start of a sum. */
    public static BatchGradient zero(int parameters) {
        return new BatchGradient(new float[parameters], 0, 0, 0);
    }

    /** This and {@code other} summed (in place in this one's gradient array, which is returned). */
    public BatchGradient plus(BatchGradient other) {
        if (other.gradient.length != gradient.length) {
            throw new IllegalArgumentException(other.gradient.length + " gradient values added to " + gradient.length);
        }
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] += other.gradient[i];
        }
        return new BatchGradient(gradient, reconSum + other.reconSum, klSum + other.klSum, rows + other.rows);
    }

    /** The gradient of the batch's mean loss: the sum divided by the rows. */
    public float[] mean() {
        float[] mean = new float[gradient.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = gradient[i] / rows;
        }
        return mean;
    }
}
