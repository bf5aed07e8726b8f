package org.vae4j.dist;

import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Noise that belongs to each row rather than to a batch, so a row scored alone, in a batch, or in any
 * partition of a distributed job sees the same draws: row i's stream is seeded from (seed, stream,
 * key_i), its key being a stable id (a key column) or {@link #key} of its values.
 */
public final class RowNoise {

    private RowNoise() {
    }

    /** A key of a row from its values: a 64-bit mix of their float bits, equal for equal rows. */
    public static long key(float[] values, int offset, int length) {
        long h = 0x243F6A8885A308D3L ^ length;
        for (int i = offset; i < offset + length; i++) {
            h = mix(h + (Float.floatToIntBits(values[i]) & 0xFFFFFFFFL));
        }
        return h;
    }

    /** The keys of every row of a row-major [n, d] array. */
    public static long[] keys(float[] values, int n, int d) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(values, i * d, d);
        }
        return keys;
    }

    /** The seed of a row's stream: {@link Rng#forStream}'s mixing of (seed, stream), then the key. */
    public static long rowSeed(long seed, long stream, long key) {
        return mix(seed * 0x9E3779B97F4A7C15L + stream) ^ mix(key + 0x632BE59BD9B4E019L);
    }

    /** The per-row {@link Rng} of keys[from..to) in the given stream of {@code seed}. */
    public static Rng rows(long seed, long stream, long[] keys, int from, int to) {
        long[] seeds = new long[to - from];
        for (int i = from; i < to; i++) {
            seeds[i - from] = rowSeed(seed, stream, keys[i]);
        }
        return Rng.perRow(seeds);
    }

    /**
     * Standard normal values of {@code shape}, row i's drawn from {@code rows[i]}: shape [B, ...] has
     * rows along axis 0, shape [k, B, ...] (rank 3 or more) along axis 1; each row's values are drawn
     * in row-major order of its slice.
     */
    static float[] normal(SplittableRandom[] rows, Shape shape) {
        int b = rows.length;
        int rowAxis = shape.dimension() >= 3 ? 1 : 0;
        if (shape.dimension() < 1 || shape.get(rowAxis) != b) {
            throw new IllegalArgumentException("per-row noise for " + b + " rows cannot fill shape " + shape);
        }
        long outer = rowAxis == 1 ? shape.get(0) : 1;
        long inner = shape.size() / (outer * b);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (long o = 0; o < outer; o++) {
            for (int i = 0; i < b; i++) {
                int base = Math.toIntExact((o * b + i) * inner);
                for (int j = 0; j < inner; j++) {
                    values[base + j] = (float) rows[i].nextGaussian();
                }
            }
        }
        return values;
    }

    /** SplitMix64's finalizer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
