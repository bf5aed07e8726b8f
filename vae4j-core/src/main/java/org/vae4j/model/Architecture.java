package org.vae4j.model;

import java.util.Locale;

/** The networks next to the data. */
public enum Architecture {
    /** Dense layers on the flattened values. */
    MLP,
    /** Stride-2 convolutions on the image (transposed in the decoder), then dense layers. */
    CONV;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Architecture parse(String text) {
        for (Architecture a : values()) {
            if (a.id().equals(text)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + text + "' (expected mlp or conv)");
    }
}
