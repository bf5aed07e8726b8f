/**
 * The one API for a trained model: {@link org.vae4j.api.TrainedModel} loads a run folder and encodes,
 * decodes, samples, reconstructs, scores, interpolates and projects, in batches and bounded memory, with
 * plain Java arrays in and out. The command line, the web explorer and Spark call only this.
 */
package org.vae4j.api;
