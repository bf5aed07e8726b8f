/**
 * Lossless image compression with a trained VAE: bits-back coding with asymmetric numeral systems (BB-ANS,
 * Townsend, Bird and Barber, ICLR 2019), the .vae file format that carries it, and the baselines it is
 * compared with (gzip, bzip2, PNG).
 */
package org.vae4j.compress;
