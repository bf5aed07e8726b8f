package org.vae4j.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.vae4j.data.Dataset;
import org.vae4j.data.NpmDigits;

/**
 * Writes the CSV that {@link AnomalyExample} scores: 290 test digits as they are and 10 planted
 * anomalies (a digit in negative, a digit torn in half, uniform noise, a blank page, stripes), shuffled,
 * with a column "planted" saying which is which. Arguments: the npm digits folder, the CSV to write.
 */
public final class RowsToCheck {

    private static final int NORMAL = 290;
    private static final int PLANTED = 10;

    public static void main(String[] args) {
        Dataset test = NpmDigits.load(Path.of(args[0])).test();
        SplittableRandom random = new SplittableRandom(42);
        int n = NORMAL + PLANTED;
        StringBuilder csv = new StringBuilder();
        for (int j = 0; j < NpmDigits.PIXELS; j++) {
            csv.append("p").append(j).append(',');
        }
        csv.append("planted\n");
        int[] order = shuffled(n, random);
        for (int k = 0; k < n; k++) {
            int i = order[k];
            boolean planted = i >= NORMAL;
            float[] row = test.row((i * 7) % test.n());
            if (planted) {
                row = damage(row, i - NORMAL, random);
            }
            for (float v : row) {
                csv.append(String.format(Locale.ROOT, "%.3f,", v));
            }
            csv.append(planted ? 1 : 0).append('\n');
        }
        try {
            Files.createDirectories(Path.of(args[1]).toAbsolutePath().getParent());
            Files.writeString(Path.of(args[1]), csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf("wrote %d rows (%d planted anomalies) to %s%n", n, PLANTED, args[1]);
    }

    /** One of five kinds of damage, by {@code kind} mod 5. */
    private static float[] damage(float[] digit, int kind, SplittableRandom random) {
        float[] x = digit.clone();
        for (int j = 0; j < x.length; j++) {
            int row = j / NpmDigits.SIDE;
            x[j] = switch (kind % 5) {
                case 0 -> 1 - x[j];                                        // negative
                case 1 -> row < NpmDigits.SIDE / 2 ? x[j] : x[(j + 14) % x.length]; // torn and shifted
                case 2 -> (float) random.nextDouble();                     // noise
                case 3 -> 0.5f;                                            // a grey page
                default -> (row / 3) % 2 == 0 ? 1f : 0f;                   // stripes
            };
        }
        return x;
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
