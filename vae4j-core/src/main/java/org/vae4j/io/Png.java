package org.vae4j.io;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** PNG files written atomically ({@link AtomicFile}), and PNG bytes for a web page. */
public final class Png {

    private Png() {
    }

    /** The PNG encoding of {@code image}. */
    public static byte[] bytes(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** "data:image/png;base64,...", for an img element. */
    public static String dataUrl(BufferedImage image) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes(image));
    }

    public static void write(BufferedImage image, Path file) {
        AtomicFile.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer");
            }
        });
    }
}
