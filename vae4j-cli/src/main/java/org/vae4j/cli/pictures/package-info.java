/**
 * Pictures a person would rather look at than read: image grids of samples and reconstructions, and
 * training curves, written as PNG files atomically.
 */
package org.vae4j.cli.pictures;
