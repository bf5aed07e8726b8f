package org.vae4j.cli;

import java.util.function.IntConsumer;
import org.vae4j.dist.Rng;
import org.vae4j.infer.Evaluation;
import org.vae4j.infer.Evaluator;
import org.vae4j.infer.LikelihoodEstimate;
import org.vae4j.model.LatentModel;
import org.vae4j.data.ResidentData;

/**
 * A model's scores on test data as 'vae4j evaluate' reports them: the ELBO's terms and, for a VAE, the
 * IWAE estimate of -log p(x). The noise comes from fixed streams of {@code seed}, so two models scored
 * with the same seed on the same data see the same draws of eps.
 *
 * @param elbo the ELBO's mean terms (one draw of z per example)
 * @param nll the IWAE estimate with k samples; null for an auto-encoder
 */
record TestScores(Evaluation elbo, LikelihoodEstimate nll) {

    static final int BATCH = 500;

    static TestScores of(LatentModel model, ResidentData test, int k, long seed, IntConsumer progress) {
        Evaluator evaluator = new Evaluator(model, BATCH);
        Evaluation elbo = evaluator.elbo(test.x(), test.labels(), Rng.forStream(seed, 1));
        LikelihoodEstimate nll = model.config().kind().isVariational()
                ? evaluator.iwae(test.x(), test.labels(), k, Rng.forStream(seed, 2), progress)
                : null;
        return new TestScores(elbo, nll);
    }
}
