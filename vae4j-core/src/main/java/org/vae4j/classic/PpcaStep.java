package org.vae4j.classic;

/**
 * One EM iteration of a {@link ProbabilisticPca}.
 *
 * @param iteration 1, 2, ...
 * @param logLikelihood mean log N(x; mu, W W^T + sigma^2 I) per example, in nats, under the parameters
 *     this iteration starts from
 * @param noiseVariance sigma^2 after this iteration's M-step
 */
public record PpcaStep(int iteration, double logLikelihood, double noiseVariance) {
}
