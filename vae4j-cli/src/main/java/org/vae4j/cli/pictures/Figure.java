package org.vae4j.cli.pictures;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Panels (image grids, gray or colour) side by side under a title, each with an optional caption, and
 * axis titles with the values at the ends of each axis. The panels' pixels are copied unchanged, so the
 * picture holds exactly the levels the grids were drawn with; panel i's top-left corner is
 * {@link #panelOrigin}.
 */
public final class Figure {

    /** Room left of the panels for the y-axis title and its end values. */
    public static final int LEFT = 72;
    /** Room for the title above the panels (and the captions). */
    public static final int TITLE_HEIGHT = 44;
    /** Room for a caption between the title and a panel, when any panel has one. */
    public static final int CAPTION_HEIGHT = 24;
    /** Room below the panels for the x-axis end values and title. */
    public static final int BOTTOM = 52;
    /** Space between panels. */
    public static final int SPACING = 28;
    private static final int RIGHT = 20;
    private static final int WHITE = 255;

    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font TEXT_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    /** One image grid and the caption above it (null for none). */
    public record Panel(BufferedImage image, String caption) {
    }

    /**
     * What the axes say: a title and the values at both ends of each axis, drawn {@code inset} pixels
     * inside the panel's edges (e.g. at the centres of the first and last cells). Any part may be null.
     */
    public record Axes(String xTitle, String xMin, String xMax, String yTitle, String yMin, String yMax, int inset) {

        /** No axes: a title and panels only. */
        public static Axes none() {
            return new Axes(null, null, null, null, null, null, 0);
        }

        /** Only an x-axis title, centred below the panels. */
        public static Axes below(String xTitle) {
            return new Axes(xTitle, null, null, null, null, null, 0);
        }
    }

    private Figure() {
    }

    /** The top-left corner of panel {@code index} in the rendered picture. */
    public static Point panelOrigin(List<Panel> panels, int index) {
        int x = LEFT;
        for (int i = 0; i < index; i++) {
            x += panels.get(i).image().getWidth() + SPACING;
        }
        return new Point(x, TITLE_HEIGHT + (hasCaptions(panels) ? CAPTION_HEIGHT : 0));
    }

    public static BufferedImage render(String title, List<Panel> panels, Axes axes) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("no panels");
        }
        int panelsWidth = panelOrigin(panels, panels.size() - 1).x + panels.get(panels.size() - 1).image().getWidth();
        int panelsHeight = panels.stream().mapToInt(p -> p.image().getHeight()).max().orElse(0);
        Point top = panelOrigin(panels, 0);
        int titleWidth = textWidth(title, TITLE_FONT) + 2 * RIGHT;
        int width = Math.max(panelsWidth + RIGHT, titleWidth);
        int height = top.y + panelsHeight + BOTTOM;
        boolean colour = panels.stream().anyMatch(p -> p.image().getType() != BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage image = new BufferedImage(width, height,
                colour ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(WHITE, WHITE, WHITE));
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(TITLE_FONT);
            centred(g, title, width / 2, 28);
            g.setFont(TEXT_FONT);
            FontMetrics metrics = g.getFontMetrics();
            for (int i = 0; i < panels.size(); i++) {
                Panel panel = panels.get(i);
                Point origin = panelOrigin(panels, i);
                int w = panel.image().getWidth();
                int h = panel.image().getHeight();
                if (panel.caption() != null) {
                    centred(g, panel.caption(), origin.x + w / 2, origin.y - 8);
                }
                int below = origin.y + h + metrics.getAscent() + 4;
                if (axes.xMin() != null) {
                    centred(g, axes.xMin(), origin.x + axes.inset(), below);
                }
                if (axes.xMax() != null) {
                    centred(g, axes.xMax(), origin.x + w - axes.inset(), below);
                }
            }
            int panelsMid = (LEFT + panelsWidth) / 2;
            if (axes.xTitle() != null) {
                centred(g, axes.xTitle(), panelsMid, top.y + panelsHeight + 2 * metrics.getAscent() + 12);
            }
            if (axes.yMax() != null) {
                g.drawString(axes.yMax(), LEFT - 6 - metrics.stringWidth(axes.yMax()),
                        top.y + axes.inset() + metrics.getAscent() / 2);
            }
            if (axes.yMin() != null) {
                g.drawString(axes.yMin(), LEFT - 6 - metrics.stringWidth(axes.yMin()),
                        top.y + panelsHeight - axes.inset() + metrics.getAscent() / 2);
            }
            if (axes.yTitle() != null) {
                AffineTransform saved = g.getTransform();
                g.rotate(-Math.PI / 2);
                // rotated: x runs upwards, y to the right
                centred(g, axes.yTitle(), -(top.y + panelsHeight / 2), 20);
                g.setTransform(saved);
            }
        } finally {
            g.dispose();
        }
        // copy the panels' levels unchanged (drawImage would be free to convert colour spaces)
        for (int i = 0; i < panels.size(); i++) {
            BufferedImage panel = panels.get(i).image();
            Point origin = panelOrigin(panels, i);
            if (panel.getType() == image.getType()) {
                image.getRaster().setRect(origin.x, origin.y, panel.getRaster());
            } else {
                copyGrayIntoColour(panel, image, origin);
            }
        }
        return image;
    }

    /** A gray panel in a colour figure: each level v becomes (v, v, v). */
    private static void copyGrayIntoColour(BufferedImage panel, BufferedImage image, Point origin) {
        if (panel.getType() != BufferedImage.TYPE_BYTE_GRAY || image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("panels must be 8-bit gray or RGB images");
        }
        var raster = panel.getRaster();
        for (int y = 0; y < panel.getHeight(); y++) {
            for (int x = 0; x < panel.getWidth(); x++) {
                int v = raster.getSample(x, y, 0);
                image.setRGB(origin.x + x, origin.y + y, (v << 16) | (v << 8) | v);
            }
        }
    }

    private static boolean hasCaptions(List<Panel> panels) {
        return panels.stream().anyMatch(p -> p.caption() != null);
    }

    private static void centred(Graphics2D g, String text, int x, int baseline) {
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }

    private static int textWidth(String text, Font font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = scratch.createGraphics();
        try {
            return g.getFontMetrics(font).stringWidth(text);
        } finally {
            g.dispose();
        }
    }
}
