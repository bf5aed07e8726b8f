/**
 * Classical baselines on plain float arrays: principal component analysis, softmax logistic
 * regression and k-nearest-neighbour classification, with the large products computed by DJL.
 */
package org.vae4j.classic;
