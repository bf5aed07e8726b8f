/**
 * vae4j on Apache Spark: {@link org.vae4j.spark.VaeModel}, a Spark ML Transformer that scores a DataFrame
 * with a trained model, and the data-parallel training behind {@link org.vae4j.spark.VaeEstimator}.
 */
package org.vae4j.spark;
