/**
 * Network building blocks over DJL: the MLP encoder and decoder bodies, PyTorch-style
 * initialization, and the parameter store that feeds fresh autograd leaves to the blocks.
 */
package org.vae4j.nn;
