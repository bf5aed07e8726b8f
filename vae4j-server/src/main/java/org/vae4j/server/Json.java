package org.vae4j.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.vae4j.api.Images;
import org.vae4j.io.ImageGrid;
import org.vae4j.io.Png;

/** The JSON of answers: one mapper, images as values and PNG data URLs, errors as {"error": ...}. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {"error": message}, on one line. */
    static String error(String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("error", message == null ? "error" : message.replace('\n', ' ').replace('\r', ' '));
        return write(node);
    }

    /** One image: {"png": data URL, "values": [...] when asked}. */
    static ObjectNode image(float[] values, int height, int width, int channels, boolean withValues) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("png", Png.dataUrl(ImageGrid.single(values, height, width, channels)));
        if (withValues) {
            node.set("values", floats(values));
        }
        return node;
    }

    /** {"height", "width", "channels", "images": [...]} of decoder means or samples. */
    static ObjectNode images(Images images, boolean withValues) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("height", images.height());
        node.put("width", images.width());
        node.put("channels", images.channels());
        ArrayNode list = node.putArray("images");
        for (int i = 0; i < images.n(); i++) {
            list.add(image(images.image(i), images.height(), images.width(), images.channels(), withValues));
        }
        return node;
    }

    static ArrayNode floats(float[] values) {
        ArrayNode array = MAPPER.createArrayNode();
        for (float v : values) {
            array.add(v);
        }
        return array;
    }

    /** n rows of {@code width} values. */
    static ArrayNode rows(float[] values, int n, int width) {
        ArrayNode array = MAPPER.createArrayNode();
        for (int i = 0; i < n; i++) {
            ArrayNode row = array.addArray();
            for (int j = 0; j < width; j++) {
                row.add(values[i * width + j]);
            }
        }
        return array;
    }

    /** A double that JSON can carry: null for NaN. */
    static void put(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }
}
