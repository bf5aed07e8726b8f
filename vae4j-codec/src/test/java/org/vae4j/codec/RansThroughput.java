package org.vae4j.codec;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Throughput of {@link RansStack}: pushes N i.i.d. symbols from a 256-symbol distribution (weights
 * 0.97^s, quantised to 16 bits) onto an empty stack, then pops them all back, and prints symbols per
 * second for each, over a few rounds (the first warms the JIT up). Not a test: run by
 * bench/rans-throughput.sh. Arguments: [N] [ROUNDS] (defaults 10^7, 3).
 */
public final class RansThroughput {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double[] weights = new double[256];
        for (int s = 0; s < weights.length; s++) {
            weights[s] = Math.pow(0.97, s);
        }
        Frequencies q = Frequencies.quantize(weights, 16);
        SplittableRandom random = new SplittableRandom(1);
        int[] symbols = new int[n];
        for (int i = 0; i < n; i++) {
            symbols[i] = q.symbolAt(random.nextInt(1 << 16));
        }
        System.out.printf("%,d symbols, 256-symbol alphabet at precision 16, H = %.4f bits/symbol%n", n,
                q.entropyBits());
        System.out.printf("%-6s %16s %16s %12s %10s%n", "round", "push symbols/s", "pop symbols/s", "bits/symbol",
                "check");
        for (int round = 1; round <= rounds; round++) {
            RansStack stack = new RansStack();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                stack.push(q, symbols[i]);
            }
            long t1 = System.nanoTime();
            double bitsPerSymbol = (stack.informationBits() - 32) / n;
            int[] decoded = new int[n];
            long t2 = System.nanoTime();
            for (int i = n - 1; i >= 0; i--) {
                decoded[i] = stack.pop(q);
            }
            long t3 = System.nanoTime();
            boolean ok = Arrays.equals(symbols, decoded) && stack.wordCount() == 0;
            System.out.printf("%-6d %,16.0f %,16.0f %12.4f %10s%n", round, n / ((t1 - t0) * 1e-9),
                    n / ((t3 - t2) * 1e-9), bitsPerSymbol, ok ? "identical" : "MISMATCH");
            if (!ok) {
                System.exit(1);
            }
        }
    }
}
