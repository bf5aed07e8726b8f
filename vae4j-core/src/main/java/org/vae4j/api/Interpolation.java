package org.vae4j.api;

/** Paths between two codes a and b, sampled at t = 0, 1/(steps - 1), ..., 1. */
public enum Interpolation {
    /** z(t) = (1 - t) a + t b. */
    LINEAR,
    /**
     * Spherical interpolation (Shoemake 1985; White 2016 for latent codes):
     * z(t) = sin((1 - t) w) / sin(w) a + sin(t w) / sin(w) b with w the angle between a and b; the straight
     * line when a and b are (anti)parallel or either is 0.
     */
    SPHERICAL;

    /** The codes z(t_0), ..., z(t_{steps-1}), both ends included: steps * L values, row-major. */
    public float[] path(float[] a, float[] b, int steps) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("codes of " + a.length + " and " + b.length + " values");
        }
        if (steps < 2) {
            throw new IllegalArgumentException("an interpolation needs at least 2 steps, got " + steps);
        }
        int l = a.length;
        float[] path = new float[steps * l];
        for (int s = 0; s < steps; s++) {
            System.arraycopy(at(a, b, (double) s / (steps - 1)), 0, path, s * l, l);
        }
        return path;
    }

    /** z(t). */
    public float[] at(float[] a, float[] b, double t) {
        return this == LINEAR ? lerp(a, b, t) : slerp(a, b, t);
    }

    private static float[] lerp(float[] a, float[] b, double t) {
        float[] z = new float[a.length];
        for (int k = 0; k < a.length; k++) {
            z[k] = (float) ((1 - t) * a[k] + t * b[k]);
        }
        return z;
    }

    private static float[] slerp(float[] a, float[] b, double t) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int k = 0; k < a.length; k++) {
            dot += (double) a[k] * b[k];
            normA += (double) a[k] * a[k];
            normB += (double) b[k] * b[k];
        }
        if (normA == 0 || normB == 0) {
            return lerp(a, b, t);
        }
        double omega = Math.acos(Math.max(-1, Math.min(1, dot / Math.sqrt(normA * normB))));
        double sinOmega = Math.sin(omega);
        if (sinOmega < 1e-6) {
            return lerp(a, b, t);
        }
        double wa = Math.sin((1 - t) * omega) / sinOmega;
        double wb = Math.sin(t * omega) / sinOmega;
        float[] z = new float[a.length];
        for (int k = 0; k < a.length; k++) {
            z[k] = (float) (wa * a[k] + wb * b[k]);
        }
        return z;
    }
}
