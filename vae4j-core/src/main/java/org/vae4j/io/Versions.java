package org.vae4j.io;

/** Library versions recorded in every saved model (provenance). */
public final class Versions {

    public static final String VAE4J = "0.1.0";
    public static final String DJL = "0.36.0";
    public static final String PYTORCH = "2.7.1";

    private Versions() {
    }
}
