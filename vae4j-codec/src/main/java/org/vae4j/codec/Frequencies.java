package org.vae4j.codec;

import java.util.Arrays;

/**
 * A quantised distribution over symbols 0..n-1: integer frequencies f_s >= 1 summing to 2^precision, so
 * that P(s) = f_s / 2^precision, with the cumulative starts the rANS coder needs. Immutable.
 */
public final class Frequencies implements SymbolLookup {

    private final int precision;
    /** starts[s] = f_0 + ... + f_{s-1}; starts[n] = 2^precision. */
    private final int[] starts;

    private Frequencies(int precision, int[] starts) {
        this.precision = precision;
        this.starts = starts;
    }

    /**
     * @param frequencies each at least 1, summing to exactly 2^precision
     * @throws IllegalArgumentException otherwise
     */
    public static Frequencies of(int precision, int... frequencies) {
        RansStack.checkPrecision(precision);
        if (frequencies.length == 0) {
            throw new IllegalArgumentException("a distribution needs at least one symbol");
        }
        int[] starts = new int[frequencies.length + 1];
        long sum = 0;
        for (int s = 0; s < frequencies.length; s++) {
            if (frequencies[s] < 1) {
                throw new IllegalArgumentException("symbol " + s + " has frequency " + frequencies[s] + " < 1");
            }
            starts[s] = (int) Math.min(sum, Integer.MAX_VALUE);
            sum += frequencies[s];
        }
        if (sum != 1L << precision) {
            throw new IllegalArgumentException("the frequencies sum to " + sum + ", not 2^" + precision);
        }
        starts[frequencies.length] = (int) sum;
        return new Frequencies(precision, starts);
    }

    /** The probabilities (or any non-negative weights) quantised by {@link Quantizer#frequencies(double[], int)}. */
    public static Frequencies quantize(double[] probabilities, int precision) {
        return of(precision, Quantizer.frequencies(probabilities, precision));
    }

    /** {@link #quantize(double[], int)} for float probabilities. */
    public static Frequencies quantize(float[] probabilities, int precision) {
        return of(precision, Quantizer.frequencies(probabilities, precision));
    }

    public int precision() {
        return precision;
    }

    /** The number of symbols n. */
    public int size() {
        return starts.length - 1;
    }

    @Override
    public int start(int symbol) {
        return starts[symbol];
    }

    @Override
    public int frequency(int symbol) {
        return starts[symbol + 1] - starts[symbol];
    }

    /** Binary search for the last start <= slot. */
    @Override
    public int symbolAt(int slot) {
        if (slot < 0 || slot >= starts[starts.length - 1]) {
            throw new IllegalArgumentException("slot " + slot + " is outside [0, 2^" + precision + ")");
        }
        int found = Arrays.binarySearch(starts, 0, starts.length - 1, slot);
        return found >= 0 ? found : -found - 2;
    }

    /** P(s) = f_s / 2^precision. */
    public double probability(int symbol) {
        return frequency(symbol) / (double) (1 << precision);
    }

    /** The ideal code length of s, -log2 P(s) = precision - log2 f_s, in bits. */
    public double codeLengthBits(int symbol) {
        return precision - log2(frequency(symbol));
    }

    /** H = -sum_s P(s) log2 P(s), in bits. */
    public double entropyBits() {
        double entropy = 0;
        for (int s = 0; s < size(); s++) {
            entropy += probability(s) * codeLengthBits(s);
        }
        return entropy;
    }

    static double log2(double x) {
        return StrictMath.log(x) / StrictMath.log(2.0);
    }
}
