/**
 * Training: the loop over epochs and batches, the listener interface it reports to, and the guard
 * that stops on a non-finite loss.
 */
package org.vae4j.train;
