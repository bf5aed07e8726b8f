/**
 * Evaluation of trained models on a dataset: the test ELBO, importance-weighted estimates of log p(x)
 * and bits per dimension, batch by batch in bounded memory.
 */
package org.vae4j.infer;
