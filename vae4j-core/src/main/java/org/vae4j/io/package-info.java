/**
 * Model files: a folder with model.json (configuration, provenance, checksums, format version) and
 * the parameters, written atomically, and loaded with every file checked.
 */
package org.vae4j.io;
