package org.vae4j.dist;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * A seeded source of random numbers, passed explicitly to whatever needs noise so that results are
 * reproducible from one seed and tests can fix the noise. The engine-wide seed is never used.
 */
public final class Rng {

    private final SplittableRandom random;
    /** One stream per row of a batch ({@link #perRow}); null for an ordinary single stream. */
    private final SplittableRandom[] rows;
    /** Normal values handed out in order ({@link #replay}); null otherwise. */
    private final float[] replay;
    private int replayed;

    public Rng(long seed) {
        this(new SplittableRandom(seed));
    }

    private Rng(SplittableRandom random) {
        this.random = random;
        this.rows = null;
        this.replay = null;
    }

    private Rng(SplittableRandom[] rows) {
        this.random = null;
        this.rows = rows;
        this.replay = null;
    }

    private Rng(float[] replay) {
        this.random = null;
        this.rows = null;
        this.replay = replay;
    }

    /**
     * Noise recorded elsewhere ({@link #normals}) and handed out again: {@link #normal} returns the next
     * values in order, so a part of a batch computed in another process sees the draws of the whole
     * batch's stream. Other draws are refused.
     */
    public static Rng replay(float[] normals) {
        return new Rng(normals.clone());
    }

    /** {@code count} standard normal values, exactly those {@link #normal} would put in an array of that size. */
    public float[] normals(int count) {
        requireSingleStream();
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /**
     * Noise for one batch whose row i has its own stream, {@code rowSeeds[i]}: a row's draws depend on
     * its seed alone, never on which rows share its batch (scoring split across partitions gives the
     * same numbers). {@link #normal} then takes shapes [B, ...] (row i at index i of axis 0) or
     * [k, B, ...] (rank 3 or more: row i at index i of axis 1), B = rowSeeds.length; the other draws of
     * this class are refused.
     */
    public static Rng perRow(long[] rowSeeds) {
        SplittableRandom[] streams = new SplittableRandom[rowSeeds.length];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = new SplittableRandom(rowSeeds[i]);
        }
        return new Rng(streams);
    }

    /** An independent stream for a sub-task (an epoch, an evaluation), reproducible from the seed. */
    public static Rng forStream(long seed, long stream) {
        return new Rng(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + stream));
    }

    /** Standard normal noise eps ~ N(0, I) of the given shape, created in {@code manager}. */
    public NDArray normal(NDManager manager, Shape shape) {
        if (rows != null) {
            return manager.create(RowNoise.normal(rows, shape), shape);
        }
        if (replay != null) {
            int count = Math.toIntExact(shape.size());
            if (replayed + count > replay.length) {
                throw new IllegalStateException("replayed noise ran out: " + count + " values asked, "
                        + (replay.length - replayed) + " left");
            }
            float[] values = java.util.Arrays.copyOfRange(replay, replayed, replayed + count);
            replayed += count;
            return manager.create(values, shape);
        }
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, shape);
    }

    /** Uniform noise u ~ U[0, 1) of the given shape, created in {@code manager}. */
    public NDArray uniform(NDManager manager, Shape shape) {
        requireSingleStream();
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = nextUniform();
        }
        return manager.create(values, shape);
    }

    /** u ~ U[0, 1) with 24 random bits, the float the arrays of {@link #uniform} hold. */
    public float nextUniform() {
        requireSingleStream();
        return (random.nextInt() >>> 8) * 0x1.0p-24f;
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    public int[] permutation(int n) {
        requireSingleStream();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    public double nextDouble() {
        requireSingleStream();
        return random.nextDouble();
    }

    public long nextLong() {
        requireSingleStream();
        return random.nextLong();
    }

    private void requireSingleStream() {
        if (rows != null || replay != null) {
            throw new IllegalStateException("per-row or replayed noise draws normal arrays only");
        }
    }
}
