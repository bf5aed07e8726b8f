package org.vae4j.api;

/**
 * A regular G x G grid of codes over two latent dimensions i and j, both in [-R, R], the other dimensions
 * held at {@code base}: the lecture's picture of a learned manifold. In picture order, row r and column c
 * hold z_i = v_c and z_j = v_(G-1-r) with v_k = -R + 2 R k / (G - 1): z_i grows to the right, z_j upwards.
 *
 * @param size G, codes per side (2..{@value #MAX_SIZE})
 * @param range R
 * @param across i, the dimension varied across
 * @param up j, the dimension varied upwards
 * @param base the code the other dimensions are held at (L values)
 */
public record LatentGrid(int size, double range, int across, int up, float[] base) {

    /** The largest grid side. */
    public static final int MAX_SIZE = 100;

    public LatentGrid {
        if (size < 2 || size > MAX_SIZE) {
            throw new IllegalArgumentException("the grid side must be in 2.." + MAX_SIZE + ", got " + size);
        }
        if (!(range > 0) || Double.isInfinite(range)) {
            throw new IllegalArgumentException("the grid range must be positive and finite, got " + range);
        }
        int l = base.length;
        if (l < 2) {
            throw new IllegalArgumentException("a grid needs a latent of 2 or more dimensions, got " + l);
        }
        if (across == up) {
            throw new IllegalArgumentException("a grid needs two different latent dimensions, got " + across + " twice");
        }
        for (int d : new int[] {across, up}) {
            if (d < 0 || d >= l) {
                throw new IllegalArgumentException("latent dimension " + d + " is outside 0.." + (l - 1));
            }
        }
        for (float v : base) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("the grid's base code holds " + v);
            }
        }
        base = base.clone();
    }

    /** The grid over dimensions 0 and 1, the others at 0. */
    public static LatentGrid of(int size, double range, int latentDim) {
        return new LatentGrid(size, range, 0, 1, new float[latentDim]);
    }

    /** v_k = -R + 2 R k / (G - 1). */
    public double value(int k) {
        return -range + 2 * range * k / (size - 1);
    }

    /** The G * G codes, L values each, row-major in picture order. */
    public float[] codes() {
        int l = base.length;
        float[] z = new float[size * size * l];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                int cell = r * size + c;
                System.arraycopy(base, 0, z, cell * l, l);
                z[cell * l + across] = (float) value(c);
                z[cell * l + up] = (float) value(size - 1 - r);
            }
        }
        return z;
    }

    /** True when every dimension but the two varied is held at 0. */
    public boolean baseIsZero() {
        for (int k = 0; k < base.length; k++) {
            if (k != across && k != up && base[k] != 0) {
                return false;
            }
        }
        return true;
    }
}
