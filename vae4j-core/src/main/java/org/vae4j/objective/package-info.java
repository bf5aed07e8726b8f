/**
 * Training and evaluation objectives: the ELBO, the IWAE bound and the auto-encoder's
 * reconstruction loss, each per example (shape [B]) in nats.
 */
package org.vae4j.objective;
