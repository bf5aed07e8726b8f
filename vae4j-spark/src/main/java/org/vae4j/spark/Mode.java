package org.vae4j.spark;

import java.util.Locale;

/** How {@link VaeEstimator} spreads training over partitions. */
public enum Mode {
    /**
     * Exact synchronous SGD: every global batch of the single-machine Trainer, split over the partitions,
     * each computing its rows' summed gradient; one Adam step on the driver per batch (one Spark job each).
     */
    SYNC,
    /**
     * Periodic averaging: each partition trains its own replica on its rows, in local steps of B/P rows (the
     * global batch B split over P partitions, as in sync), and every H local steps the
     * parameters and both Adam moments are averaged, weighted by the rows each replica trained on.
     */
    AVERAGE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode called {@code id}, or one line listing the modes. */
    public static Mode of(String id) {
        for (Mode mode : values()) {
            if (mode.id().equals(id)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode " + id + " is not one of sync, average");
    }
}
