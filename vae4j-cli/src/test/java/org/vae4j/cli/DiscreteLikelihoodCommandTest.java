package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * train, evaluate, sample and reconstruct with the 8-bit decoders: one epoch on the digits turns the
 * 8 bits per dimension of a uniform pmf (where alpha = beta = 1 starts the beta-binomial) into about 2.3
 * (test loss 1134 and 1158 nats per image against 4347 for the uniform pmf).
 */
class DiscreteLikelihoodCommandTest {

    private static final double LN2 = Math.log(2);
    private static final int D = 784;

    @ParameterizedTest
    @ValueSource(strings = {"discretized-logistic", "beta-binomial"})
    void oneEpochOnTheDigitsCodesFarBelowEightBitsPerDimension(String likelihood) throws IOException {
        Fixtures.Trained trained = Fixtures.trained("digits-" + likelihood, "--data", "digits", "--likelihood",
                likelihood, "--epochs", "1", "--hidden", "64", "--latent", "4");
        Path run = trained.dir();
        assertTrue(Files.readString(run.resolve("model/model.json")).contains("\"" + likelihood + "\""));
        JsonNode epoch = Fixtures.readJsonLines(run.resolve("metrics.jsonl")).get(0);
        double testLoss = epoch.get("test_loss").asDouble();
        // a uniform pmf codes each pixel in log 256 nats: 4347 nats per image
        assertTrue(Double.isFinite(testLoss) && testLoss < 0.5 * D * Math.log(256), epoch::toString);

        JsonNode result = EvaluateCommandTest.parseOneJsonLine(CliRun.run("evaluate", "--model", run.toString(),
                "--data", "digits", "--json", "--k", "10", "--n", "300", "--quiet").assertOk());
        double nll = result.get("nll").asDouble();
        double bitsPerDim = result.get("bits_per_dim").asDouble();
        assertEquals(nll / (D * LN2), bitsPerDim, 1e-12);
        double elboBits = -result.get("elbo").asDouble() / (D * LN2);
        // measured 2.27 (logistic) and 2.25 (beta-binomial) bits/dim, -ELBO 2.29 and 2.31: a short code
        assertTrue(bitsPerDim > 1 && bitsPerDim < 3, result::toString);
        assertTrue(bitsPerDim < elboBits + 3 * result.get("nll_std_err").asDouble() / (D * LN2), result::toString);

        Path pictures = Fixtures.newDir("discrete-pictures");
        CliRun.run("sample", "--model", run.toString(), "--n", "16", "--out", pictures.resolve("s.png").toString())
                .assertOk();
        CliRun.run("reconstruct", "--model", run.toString(), "--data", "digits", "--n", "8", "--out",
                pictures.resolve("r.png").toString()).assertOk();
        assertTrue(Files.size(pictures.resolve("s.png")) > 100);
        assertTrue(Files.size(pictures.resolve("r.png")) > 100);
    }
}
