/**
 * A training run and its folder: the {@link org.vae4j.run.Training} builder, the {@link org.vae4j.run.RunFolder}
 * that owns the file names and the lock, and the listeners that write into it (metrics log, checkpoints).
 */
package org.vae4j.run;
