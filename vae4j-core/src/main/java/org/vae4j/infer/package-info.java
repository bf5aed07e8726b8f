/**
 * Evaluation of trained models on a dataset: the test ELBO, estimates of log p(x) by prior or importance
 * sampling, and bits per dimension, batch by batch and chunk by chunk in bounded memory.
 */
package org.vae4j.infer;
