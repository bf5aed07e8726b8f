/**
 * Latent-variable models: the encoder q(z|x), the decoder p(x|z), the prior p(z), composed into a
 * {@link org.vae4j.model.Vae} or a deterministic {@link org.vae4j.model.Autoencoder}.
 */
package org.vae4j.model;
