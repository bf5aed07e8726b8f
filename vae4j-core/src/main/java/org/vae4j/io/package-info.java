/**
 * Model files: a folder with model.json (configuration, provenance, format version), the parameters and
 * a checksum manifest, written atomically (a killed save loses nothing), loaded with every file checked.
 */
package org.vae4j.io;
