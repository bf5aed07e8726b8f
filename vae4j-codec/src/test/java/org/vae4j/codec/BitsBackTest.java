package org.vae4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * BB-ANS end to end on a toy latent-variable model, to show the stack API carries the algorithm
 * (Townsend, Bird and Barber 2019, Table 1): z in {0..7} with prior p(z), x in {0..31} with p(x|z), and
 * the exact posterior q(z|x) = p(z) p(x|z) / p(x).
 */
class BitsBackTest {

    private static final int LATENTS = 8;
    private static final int SYMBOLS = 32;
    private static final int PRECISION = 16;

    /**
     * Encoding x: pop z with q(z|x), push x with p(x|z), push z with p(z); decoding undoes it in reverse.
     * 5000 symbols decode exactly and the seeded initial bits come back. With the exact posterior the net
     * cost per symbol is -log2 p(x): measured 4.895977 bits/symbol against 4.895976 for sum -log2 p(x_i) / N
     * (0.01 bits over the whole stream; the bound on quantising q to 16 bits is 8 / 2^16 / ln 2 = 1.8e-4 bits
     * per symbol), asserted to 1e-3 bits/symbol.
     */
    @Test
    void bitsBackCodesAtTheMarginalLikelihood() {
        SplittableRandom random = new SplittableRandom(31);
        double[] priorWeights = new double[LATENTS];
        double[][] likelihoodWeights = new double[LATENTS][SYMBOLS];
        for (int z = 0; z < LATENTS; z++) {
            priorWeights[z] = 0.2 + random.nextDouble();
            for (int x = 0; x < SYMBOLS; x++) {
                // each latent favours a different eighth of the alphabet
                likelihoodWeights[z][x] = (x / 4 == z ? 6 : 0.2) * (0.5 + random.nextDouble());
            }
        }
        Frequencies prior = Frequencies.quantize(priorWeights, PRECISION);
        Frequencies[] likelihood = new Frequencies[LATENTS];
        for (int z = 0; z < LATENTS; z++) {
            likelihood[z] = Frequencies.quantize(likelihoodWeights[z], PRECISION);
        }
        // the exact marginal and posterior of the quantised model: p(x) = sum_z p(z) p(x|z)
        double[] marginal = new double[SYMBOLS];
        Frequencies[] posterior = new Frequencies[SYMBOLS];
        for (int x = 0; x < SYMBOLS; x++) {
            double[] joint = new double[LATENTS];
            for (int z = 0; z < LATENTS; z++) {
                joint[z] = prior.probability(z) * likelihood[z].probability(x);
                marginal[x] += joint[z];
            }
            posterior[x] = Frequencies.quantize(joint, PRECISION);
        }

        int n = 5000;
        int[] data = new int[n];
        double idealBits = 0;
        for (int i = 0; i < n; i++) {
            int z = prior.symbolAt(random.nextInt(1 << PRECISION));
            data[i] = likelihood[z].symbolAt(random.nextInt(1 << PRECISION));
            idealBits -= Math.log(marginal[data[i]]) / Math.log(2);
        }

        RansStack stack = new RansStack(2019, 4);
        byte[] initial = stack.toBytes();
        double initialBits = stack.informationBits();
        for (int x : data) {
            int z = stack.pop(posterior[x]); // bits back: z ~ q(z|x) read from the stack
            stack.push(likelihood[z], x);
            stack.push(prior, z);
        }
        double netBits = stack.informationBits() - initialBits;
        System.out.printf("bits-back: %.6f bits/symbol, -log2 p(x) %.6f, total gap %.2f bits%n", netBits / n, idealBits / n, netBits - idealBits);
        assertEquals(idealBits / n, netBits / n, 1e-3);

        RansStack decoder = RansStack.fromBytes(stack.toBytes());
        for (int i = n - 1; i >= 0; i--) {
            int z = decoder.pop(prior);
            int x = decoder.pop(likelihood[z]);
            assertEquals(data[i], x, "symbol " + i);
            decoder.push(posterior[x], z); // give the borrowed bits back
        }
        assertArrayEquals(initial, decoder.toBytes());
    }
}
