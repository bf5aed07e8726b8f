/**
 * Training: the loop over epochs and batches, the optimizer, listeners for progress, metrics and
 * checkpoints, and the guard that stops on a non-finite loss.
 */
package org.vae4j.train;
