package org.vae4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NormalTest {

    /**
     * Golden values from mpmath at 50 digits (src/test/python/normal_golden.py). Measured worst relative
     * errors: cdf 3.3e-16 (at -1.96), density 2.1e-16, quantile 2.2e-16 (AS 241 alone gave 2.9e-16 before
     * the Newton step), so 1e-15 is a few ulps of slack, well inside the brief's 1e-12.
     */
    @Test
    void matchesMpmathToAFewUlps() throws IOException {
        List<String[]> rows = golden();
        assertEquals(61, rows.size());
        for (String[] row : rows) {
            double x = Double.parseDouble(row[1]);
            BigDecimal expected = new BigDecimal(row[2]);
            double actual = switch (row[0]) {
                case "cdf" -> Normal.cdf(x);
                case "density" -> Normal.density(x);
                case "quantile" -> Normal.quantile(x);
                default -> throw new AssertionError(row[0]);
            };
            double error = new BigDecimal(actual).subtract(expected).abs().doubleValue();
            double scale = Math.max(Math.abs(expected.doubleValue()), Double.MIN_NORMAL);
            assertEquals(0, error / scale, 1e-15, row[0] + "(" + row[1] + ") = " + actual + ", mpmath " + row[2]);
        }
    }

    @Test
    void tailsAndLimits() {
        assertEquals(0.5, Normal.cdf(0.0));
        assertEquals(0.0, Normal.quantile(0.5));
        assertEquals(0.0, Normal.cdf(-40)); // Phi(-40) = 3.7e-350 underflows
        assertEquals(0.0, Normal.cdf(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, Normal.cdf(Double.POSITIVE_INFINITY));
        assertEquals(Double.NEGATIVE_INFINITY, Normal.quantile(0.0));
        assertEquals(Double.POSITIVE_INFINITY, Normal.quantile(1.0));
        assertEquals(Double.NaN, Normal.cdf(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Normal.quantile(-1e-300));
        assertThrows(IllegalArgumentException.class, () -> Normal.quantile(1.0000001));
        assertThrows(IllegalArgumentException.class, () -> Normal.quantile(Double.NaN));
    }

    @Test
    void symmetricAndComplementary() {
        for (double x = -9; x <= 9; x += 0.0625) {
            assertEquals(1.0, Normal.cdf(x) + Normal.cdf(-x), 2e-16, "x = " + x);
            assertEquals(Normal.cdf(-x), Normal.survival(x), 0.0);
            assertEquals(Normal.density(x), Normal.density(-x), 0.0);
        }
    }

    /**
     * Phi(Phi^-1(p)) = p from p = 1e-300 to 1/2, up to what rounding x = Phi^-1(p) to a double must cost:
     * d log Phi / dx ~ |x|, so half an ulp of x moves Phi by |x| ulp(x) / 2 relative (1.3e-13 at x = -37).
     * The upper half mirrors the lower one up to the rounding of 1 - p: 1.2e-16 / phi(x).
     */
    @Test
    void quantileInvertsTheCdf() {
        for (double logP = -690; logP <= Math.log(0.5); logP += 0.37) {
            double p = Math.exp(logP);
            double x = Normal.quantile(p);
            assertEquals(1.0, Normal.cdf(x) / p, 1e-15 + Math.abs(x) * Math.ulp(x), "p = " + p);
            if (p > 1e-12) {
                assertEquals(-x, Normal.quantile(1 - p), 1e-15 * Math.abs(x) + 1.2e-16 / Normal.density(x), "p = " + p);
            }
        }
    }

    private static List<String[]> golden() throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                NormalTest.class.getResourceAsStream("normal-golden.csv"), StandardCharsets.UTF_8))) {
            return reader.lines().skip(1).map(line -> line.split(",")).collect(Collectors.toList());
        }
    }
}
