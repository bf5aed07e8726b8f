import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Cuts photos into square tiles, one class folder per photo: java bench/Tiles.java SIZE MAX_PER_PHOTO OUT
 * PHOTO... Tiles are taken on a grid without overlap, spread evenly over the grid when there are more than
 * MAX_PER_PHOTO of them. Run by bench/colour-tiles.sh.
 */
public final class Tiles {
    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(args[0]);
        int max = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        for (int a = 3; a < args.length; a++) {
            File photo = new File(args[a]);
            BufferedImage image = ImageIO.read(photo);
            String name = photo.getName().replaceAll("\\.[^.]*$", "");
            Path folder = Files.createDirectories(out.resolve(name));
            int cols = image.getWidth() / size;
            int rows = image.getHeight() / size;
            int total = cols * rows;
            int count = Math.min(max, total);
            for (int i = 0; i < count; i++) {
                int cell = (int) ((long) i * total / count);
                BufferedImage tile = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
                tile.getGraphics().drawImage(image.getSubimage(cell % cols * size, cell / cols * size, size, size),
                        0, 0, null);
                ImageIO.write(tile, "png", folder.resolve(String.format("%s-%04d.png", name, i)).toFile());
            }
            System.out.printf("%s: %d of %d tiles of %dx%d%n", name, count, total, size, size);
        }
    }
}
