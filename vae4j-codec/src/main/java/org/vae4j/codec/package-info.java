/**
 * Lossless entropy coding in pure Java, groundwork for bits-back coding with a VAE (BB-ANS): a
 * stack-like rANS coder, integer frequencies quantised from probabilities, and equal-mass Gaussian buckets.
 */
package org.vae4j.codec;
