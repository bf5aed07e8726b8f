/**
 * Model files: a folder with model.json (configuration, provenance, checksums, format version) and
 * the parameters, written atomically; and the errors that bad input raises.
 */
package org.vae4j.io;
