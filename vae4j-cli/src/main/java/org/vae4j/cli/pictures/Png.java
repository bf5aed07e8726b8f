package org.vae4j.cli.pictures;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.vae4j.io.AtomicFile;

/** Writes a PNG atomically ({@link AtomicFile}): to a temporary file beside the target, then renamed over it. */
public final class Png {

    private Png() {
    }

    public static void write(BufferedImage image, Path file) {
        AtomicFile.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer");
            }
        });
    }
}
