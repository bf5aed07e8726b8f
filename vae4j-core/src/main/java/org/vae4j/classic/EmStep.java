package org.vae4j.classic;

/**
 * One EM iteration of a {@link GaussianMixture}, every value in nats per example (means over the
 * training rows). With q the responsibilities and theta the parameters, the bound is
 * F(q, theta) = E_q[log p(x, z | theta)] + H(q) <= log p(x | theta) (Neal and Hinton, 1998).
 *
 * @param iteration 1, 2, ...
 * @param logLikelihood mean log p(x | theta) under the parameters this iteration starts from
 * @param elboAfterEStep F(q, theta) with q = p(z | x, theta): equal to {@code logLikelihood} (tight)
 * @param elboAfterMStep F(q, theta') with the M-step's new parameters theta' and the same q: at least
 *     {@code elboAfterEStep}, and at most the next iteration's {@code logLikelihood}
 */
public record EmStep(int iteration, double logLikelihood, double elboAfterEStep, double elboAfterMStep) {
}
