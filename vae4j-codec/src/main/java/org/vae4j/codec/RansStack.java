package org.vae4j.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A range asymmetric numeral system (rANS, Duda 2013) coder used as a stack, as bits-back coding
 * needs (Townsend, Bird and Barber, ICLR 2019): {@link #push} encodes a symbol onto the top and {@link
 * #pop} decodes the one on top, so symbols come back in reverse order, and popping with a distribution
 * q from clean bits then pushing the symbol back with q restores the stack exactly.
 *
 * <p>The state x is a 64-bit unsigned integer kept in [2^32, 2^64); below it lies a stack of 32-bit words.
 * A symbol s with quantised frequency f_s and start c_s out of M = 2^precision is pushed as
 * x' = floor(x / f_s) M + (x mod f_s) + c_s, after first moving the low 32 bits of x onto the word stack
 * if x >= f_s 2^(64 - precision) (so that x' < 2^64); popping reads the slot x mod M, finds the symbol
 * owning it, sets x = f_s floor(x / M) + (x mod M) - c_s and, if x fell below 2^32, pulls one word back.
 * Each push or pop moves at most one word.
 *
 * <p>Precision is at most {@link #MAX_PRECISION} = 24 bits: since x >= 2^32, the integer division
 * costs at most log2(1 + 2^(precision - 32)) < 0.0057 bits per symbol in the worst case (usually far
 * less, as x is seldom near its lower bound), and starts and frequencies, up to 2^24, fit an int.
 *
 * <p>Not thread-safe. The serialised form ({@link #toBytes()}) is the state as two big-endian 32-bit
 * words, high first, then the word stack from the top down, so a reader meets words in the order pops
 * need them.
 */
public final class RansStack {

    /** The largest supported precision, in bits: frequencies are out of at most 2^24. */
    public static final int MAX_PRECISION = 24;
    /** The state's lower bound L = 2^32; the state of an empty stack. */
    static final long STATE_LOWER = 1L << 32;

    private long state;
    private int[] words;
    private int size;

    /** An empty stack: state 2^32, no words. Popping from it yields no information and soon underflows. */
    public RansStack() {
        this(STATE_LOWER, new int[16], 0);
    }

    /**
     * A stack filled with clean random bits to pop from, as bits-back coding starts (the paper's "initial
     * bits"): a state drawn uniformly from [2^32, 2^64) and {@code initialWords} uniform 32-bit words,
     * all from SplitMix64 (Steele, Lea and Flood 2014) seeded with {@code seed}, so the same seed gives
     * the same stack on any JVM. These bits are paid for once per stream: the first symbols popped
     * consume them, and pushing everything back gives them back.
     */
    public RansStack(long seed, int initialWords) {
        this(0, new int[Math.max(16, initialWords)], initialWords);
        if (initialWords < 0) {
            throw new IllegalArgumentException("initial words must be >= 0, got " + initialWords);
        }
        long gamma = seed;
        long x;
        do {
            gamma += GOLDEN_GAMMA;
            x = mix64(gamma);
        } while ((x >>> 32) == 0);
        state = x;
        for (int i = 0; i < initialWords; i++) {
            gamma += GOLDEN_GAMMA;
            words[i] = (int) (mix64(gamma) >>> 32);
        }
    }

    private RansStack(long state, int[] words, int size) {
        this.state = state;
        this.words = words;
        this.size = size;
    }

    /** An independent copy of this stack. */
    public RansStack copy() {
        return new RansStack(state, Arrays.copyOf(words, Math.max(16, size)), size);
    }

    /**
     * Encodes the symbol occupying [start, start + frequency) out of 2^precision onto the top:
     * x' = floor(x / f) 2^precision + (x mod f) + start.
     *
     * @throws IllegalArgumentException unless 1 <= precision <= 24, frequency >= 1, start >= 0 and
     *     start + frequency <= 2^precision
     */
    public void push(int start, int frequency, int precision) {
        checkInterval(start, frequency, precision);
        long x = state;
        // renormalise: keep x < f 2^(64 - precision) so that x' < 2^64; x >= f 2^(64-p) <=> x >>> (64-p) >= f
        if ((x >>> (64 - precision)) >= frequency) {
            pushWord((int) x);
            x >>>= 32;
        }
        long quotient = divideUnsigned(x, frequency);
        long remainder = x - quotient * frequency;
        state = (quotient << precision) + remainder + start;
    }

    /** Encodes {@code symbol} with the quantised distribution {@code distribution}. */
    public void push(Frequencies distribution, int symbol) {
        push(distribution.start(symbol), distribution.frequency(symbol), distribution.precision());
    }

    /**
     * Decodes the symbol on top with the quantised CDF {@code lookup} out of 2^precision and removes it.
     *
     * @throws IllegalStateException if the stack runs out of words (seed it with more initial words)
     * @throws IllegalArgumentException if the lookup's symbol does not own the slot
     */
    public int pop(SymbolLookup lookup, int precision) {
        int slot = peek(precision);
        int symbol = lookup.symbolAt(slot);
        advance(lookup.start(symbol), lookup.frequency(symbol), precision);
        return symbol;
    }

    /** Decodes the symbol on top with {@code distribution}. */
    public int pop(Frequencies distribution) {
        return pop(distribution, distribution.precision());
    }

    /** The slot x mod 2^precision on top, which names the next symbol to pop; the stack is unchanged. */
    public int peek(int precision) {
        checkPrecision(precision);
        return (int) (state & ((1L << precision) - 1));
    }

    /**
     * Removes the symbol occupying [start, start + frequency), which must hold {@link #peek(int)}:
     * x = f floor(x / 2^precision) + (x mod 2^precision) - start, then one word is pulled back if x < 2^32.
     *
     * @throws StackUnderflowException if a word is needed and the stack has none left; the stack is then
     *     unchanged
     * @throws IllegalArgumentException if the interval is malformed or does not hold the slot
     */
    public void advance(int start, int frequency, int precision) {
        checkInterval(start, frequency, precision);
        long slot = state & ((1L << precision) - 1);
        if (slot < start || slot - start >= frequency) {
            throw new IllegalArgumentException("slot " + slot + " is outside [" + start + ", " + start + " + "
                    + frequency + ")");
        }
        long x = frequency * (state >>> precision) + slot - start;
        if ((x >>> 32) == 0) {
            if (size == 0) {
                throw new StackUnderflowException();
            }
            x = (x << 32) | (words[--size] & 0xFFFF_FFFFL);
        }
        state = x;
    }

    /** The number of 32-bit words below the state. */
    public int wordCount() {
        return size;
    }

    /** The length of {@link #toBytes()} in bits: 64 + 32 words. */
    public long sizeBits() {
        return 64L + 32L * size;
    }

    /**
     * The information held, 32 words + log2(x), in bits: the serialised length without the up to 32
     * unused bits at the top of the state. Differences of this measure the exact cost of pushes.
     */
    public double informationBits() {
        // log2(x) for unsigned x: log2(x >>> 1) + 1 keeps the argument positive
        return 32.0 * size + Frequencies.log2(state >>> 1) + 1.0;
    }

    /** The state, then the word stack from the top down, as big-endian 32-bit words. */
    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(8 + 4 * size);
        buffer.putLong(state);
        for (int i = size - 1; i >= 0; i--) {
            buffer.putInt(words[i]);
        }
        return buffer.array();
    }

    /**
     * Reads {@link #toBytes()}.
     *
     * @throws IllegalArgumentException if the length is not 8 + 4k bytes or the state is below 2^32
     */
    public static RansStack fromBytes(byte[] bytes) {
        if (bytes.length < 8 || bytes.length % 4 != 0) {
            throw new IllegalArgumentException(
                    "a rANS stream is 8 + 4k bytes long, got " + bytes.length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long state = buffer.getLong();
        if ((state >>> 32) == 0) {
            throw new IllegalArgumentException("not a rANS stream: its state " + state + " is below 2^32");
        }
        int size = (bytes.length - 8) / 4;
        int[] words = new int[Math.max(16, size)];
        for (int i = size - 1; i >= 0; i--) {
            words[i] = buffer.getInt();
        }
        return new RansStack(state, words, size);
    }

    static void checkPrecision(int precision) {
        if (precision < 1 || precision > MAX_PRECISION) {
            throw new IllegalArgumentException(
                    "precision must be 1 to " + MAX_PRECISION + " bits, got " + precision);
        }
    }

    private static void checkInterval(int start, int frequency, int precision) {
        checkPrecision(precision);
        if (frequency < 1 || start < 0 || start + frequency > (1 << precision)) {
            throw new IllegalArgumentException("[" + start + ", " + start + " + " + frequency
                    + ") is not a non-empty interval of [0, 2^" + precision + ")");
        }
    }

    private void pushWord(int word) {
        if (size == words.length) {
            words = Arrays.copyOf(words, 2 * words.length);
        }
        words[size++] = word;
    }

    /** floor(x / d) for x read as unsigned, 1 <= d <= 2^24: halve, divide, then correct by at most one. */
    private static long divideUnsigned(long x, int d) {
        if (x >= 0) {
            return x / d;
        }
        long quotient = ((x >>> 1) / d) << 1;
        return x - quotient * d >= d ? quotient + 1 : quotient;
    }

    private static final long GOLDEN_GAMMA = 0x9E37_79B9_7F4A_7C15L;

    /** SplitMix64's output function (Steele, Lea and Flood, OOPSLA 2014). */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
