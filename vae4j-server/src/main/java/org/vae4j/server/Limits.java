package org.vae4j.server;

/** What one request may ask for: each bound keeps a request to well under a second on 2 cores. */
final class Limits {

    /** The largest request body, 4 MiB (413 beyond it). */
    static final long MAX_BODY_BYTES = 4L << 20;
    /** Images per /api/encode or /api/score. */
    static final int MAX_IMAGES = 256;
    /** Codes (or map points) per /api/decode. */
    static final int MAX_CODES = 1024;
    /** Samples per /api/sample. */
    static final int MAX_SAMPLES = 256;
    /** Importance samples k of /api/score. */
    static final int MAX_K = 5000;
    /** Images times k of one /api/score: the number of decoder passes. */
    static final int MAX_IMAGE_SAMPLES = 200_000;
    /** Steps of one /api/interpolate. */
    static final int MAX_STEPS = 64;
    /** Side of the grid of /api/grid. */
    static final int MAX_GRID = 30;
    /** Examples of /api/least-likely. */
    static final int MAX_LEAST_LIKELY = 100;

    private Limits() {
    }
}
