/**
 * Probability distributions as objects with {@code logProb}, {@code sample}, {@code rsample} and
 * {@code kl}, in the manner of torch.distributions; every log-density is per example, shape [B].
 */
package org.vae4j.dist;
