/**
 * bin/vae4j-spark: the command-line front of vae4j on Spark (score a dataset with a trained model, train
 * one), a thin shell over {@link org.vae4j.spark.VaeModel} and {@link org.vae4j.spark.VaeEstimator}.
 */
package org.vae4j.spark.cli;
