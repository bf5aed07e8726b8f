package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** vae4j evaluate: the ELBO, the IWAE estimate of -log p(x) and bits per dimension. */
class EvaluateCommandTest {

    private static final double LN2 = Math.log(2);

    @Test
    void jsonOnDigits() {
        Path run = Fixtures.digitsVae().dir();
        CliRun evaluated = CliRun.run("evaluate", "--model", run.toString(), "--data", "digits", "--json", "--k", "10",
                "--quiet").assertOk();
        JsonNode result = parseOneJsonLine(evaluated);
        Set<String> keys = new TreeSet<>();
        result.fieldNames().forEachRemaining(keys::add);
        assertTrue(keys.containsAll(List.of("elbo", "nll", "k", "bits_per_dim", "n")), keys::toString);
        assertEquals(2004, result.get("n").asInt());
        assertEquals(10, result.get("k").asInt());
        assertEquals(-(result.get("recon").asDouble() + result.get("kl").asDouble()), result.get("elbo").asDouble(),
                1e-9);
        assertEquals(result.get("nll").asDouble() / (784 * LN2), result.get("bits_per_dim").asDouble(), 1e-12);
        // the KL term is exact, so it equals that of training's test pass on the same 2004 images
        JsonNode epoch1 = Fixtures.readJsonLines(run.resolve("metrics.jsonl")).get(0);
        assertEquals(epoch1.get("test_kl").asDouble(), result.get("kl").asDouble(), 1.5e-4);
        assertIwaeBelowElbo(result);
    }

    /** The nll is computed with the k asked for: k = 1 is the ELBO in expectation, k = 10 is clearly tighter. */
    @Test
    void nllUsesTheRequestedK() {
        String run = Fixtures.digitsVae().dir().toString();
        JsonNode k1 = parseOneJsonLine(CliRun.run("evaluate", "--model", run, "--data", "digits", "--json", "--k", "1",
                "--n", "500", "--quiet").assertOk());
        JsonNode k10 = parseOneJsonLine(CliRun.run("evaluate", "--model", run, "--data", "digits", "--json", "--k",
                "10", "--n", "500", "--quiet").assertOk());
        assertEquals(500, k1.get("n").asInt());
        assertEquals(1, k1.get("k").asInt());
        double stdErr = k1.get("nll_std_err").asDouble();
        // two independent single-sample estimates of the same mean; the spread over examples bounds their gap
        assertEquals(-k1.get("elbo").asDouble(), k1.get("nll").asDouble(), 3 * stdErr, k1::toString);
        assertTrue(k10.get("nll").asDouble() < k1.get("nll").asDouble() - 1, () -> k1 + " vs " + k10);
    }

    @Test
    void sameSeedSameNumbers() {
        String run = Fixtures.digitsVae().dir().toString();
        String[] args = {"evaluate", "--model", run, "--data", "digits", "--json", "--k", "5", "--n", "200",
            "--seed", "9", "--quiet"};
        assertEquals(CliRun.run(args).assertOk().out(), CliRun.run(args).assertOk().out());
    }

    @Test
    void textReport() {
        String run = Fixtures.digitsVae().dir().toString();
        CliRun evaluated = CliRun.run("evaluate", "--model", run, "--data", "digits", "--k", "3", "--n", "100",
                "--quiet").assertOk();
        String out = evaluated.out();
        assertTrue(out.contains("on 100 test examples of digits"), evaluated::describe);
        assertTrue(out.contains("ELBO"), evaluated::describe);
        assertTrue(out.contains("-log p(x), IWAE k=3"), evaluated::describe);
        assertTrue(out.contains("bits per dimension"), evaluated::describe);
    }

    // ----

    /** Fails unless stdout is exactly one line holding a JSON object; returns it. */
    static JsonNode parseOneJsonLine(CliRun run) {
        List<String> lines = run.out().lines().toList();
        assertEquals(1, lines.size(), run::describe);
        try {
            JsonNode node = Fixtures.JSON.readTree(lines.get(0));
            assertTrue(node.isObject(), run::describe);
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The IWAE bound log p(x) >= L_k >= ELBO holds in expectation, so the estimated -log p(x) is at most
     * -ELBO, up to the noise of the two estimates (three standard errors of the nll).
     */
    static void assertIwaeBelowElbo(JsonNode result) {
        double nll = result.get("nll").asDouble();
        double negElbo = -result.get("elbo").asDouble();
        double stdErr = result.get("nll_std_err").asDouble();
        assertTrue(Double.isFinite(nll) && Double.isFinite(negElbo) && stdErr > 0, result::toString);
        assertTrue(nll <= negElbo + 3 * stdErr, result::toString);
    }
}
