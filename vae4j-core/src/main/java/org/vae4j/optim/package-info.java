/**
 * Optimizers that update a model's parameters in place from their gradients: {@link org.vae4j.optim.Adam}
 * with exactly PyTorch's update.
 */
package org.vae4j.optim;
