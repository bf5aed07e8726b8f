/**
 * Classical baselines on plain float arrays: principal component analysis, softmax logistic
 * regression, k-nearest-neighbour classification, and the latent variable models with an exact
 * posterior fitted by EM (Gaussian mixtures, probabilistic PCA), with principal angles between
 * subspaces; the large products computed by DJL, the small factorizations by EJML.
 */
package org.vae4j.classic;
