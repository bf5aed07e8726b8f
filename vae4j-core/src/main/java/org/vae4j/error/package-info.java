/**
 * The exception every package raises for bad input from the user (a missing or malformed file, mismatched
 * dimensions, a corrupt model): one line that names the thing and the problem.
 */
package org.vae4j.error;
