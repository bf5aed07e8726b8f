package org.vae4j.classic;

/** Argument checks shared by the classical methods; each failure is an IllegalArgumentException. */
final class Arguments {

    private Arguments() {
    }

    /** Checks that {@code x} holds n rows of dimension d (n >= minRows, d >= 1). */
    static void matrix(String name, float[] x, int n, int d, int minRows) {
        if (x == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (n < minRows) {
            throw new IllegalArgumentException(name + " needs at least " + minRows + " rows, got n = " + n);
        }
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got d = " + d);
        }
        if ((long) n * d != x.length) {
            throw new IllegalArgumentException(name + " has " + x.length + " values, expected n * d = " + n + " * "
                    + d + " = " + (long) n * d);
        }
    }

    /** Checks that every value of {@code x} (n rows of dimension d) is finite. */
    static void finite(String name, float[] x, int d) {
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException(name + " has a non-finite value " + x[i] + " at row " + i / d
                        + ", column " + i % d);
            }
        }
    }

    /** Checks that there are n labels, each in 0..classes-1 (any non-negative label when classes is 0). */
    static void labels(String name, int[] y, int n, int classes) {
        if (y == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (y.length != n) {
            throw new IllegalArgumentException(name + " has " + y.length + " labels, expected n = " + n);
        }
        for (int i = 0; i < n; i++) {
            if (y[i] < 0) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + y[i] + " is negative");
            }
            if (classes > 0 && y[i] >= classes) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + y[i] + " is outside 0.." + (classes - 1));
            }
        }
    }
}
