package org.vae4j.classic;

import java.util.Locale;

/** The form of each component's covariance in a {@link GaussianMixture}. */
public enum CovarianceType {
    /** A full symmetric positive-definite d x d matrix per component: d (d + 1) / 2 parameters. */
    FULL("full"),
    /** A diagonal matrix per component (axis-aligned ellipsoids): d parameters. */
    DIAGONAL("diag");

    private final String id;

    CovarianceType(String id) {
        this.id = id;
    }

    /** The command-line name: "full" or "diag". */
    public String id() {
        return id;
    }

    /** Parses "full", "diag" or "diagonal" (any case). */
    public static CovarianceType parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("diagonal")) {
            return DIAGONAL;
        }
        for (CovarianceType type : values()) {
            if (type.id.equals(v)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown covariance type '" + value + "'; expected full or diag");
    }
}
