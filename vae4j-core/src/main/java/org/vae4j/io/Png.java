package org.vae4j.io;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** PNG files written atomically ({@link AtomicFile}), and PNG bytes for a web page. */
public final class Png {

    private Png() {
    }

    /**
     * The PNG encoding of {@code image}, in memory: {@code ImageIO.write} to a plain stream would cache
     * through a temporary file per image (measured 170-340 us an image against 45-100 us in memory).
     */
    public static byte[] bytes(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            if (!ImageIO.write(image, "png", stream)) {
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
        AtomicFile.write(file, out -> out.write(bytes(image)));
    }
}
