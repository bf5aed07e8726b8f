package org.vae4j.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * A JSON object sent with a request, read with a size limit and checked field by field: every field must
 * be one the route knows, numbers must be JSON numbers (not strings) and finite, counts within the route's
 * limits. A problem is an {@link HttpError} naming the field: 400, or 413 for a body over
 * {@link Limits#MAX_BODY_BYTES}.
 */
final class RequestBody {

    /** Strict JSON: no NaN or Infinity literals, no comments, nothing after the object, no repeated key. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();

    private final ObjectNode root;
    private final String where;

    private RequestBody(ObjectNode root, String where) {
        this.root = root;
        this.where = where;
    }

    /**
     * Reads a body of at most {@link Limits#MAX_BODY_BYTES}: refused by its Content-Length when that says
     * more, else counted while read.
     *
     * @param declaredLength the Content-Length header's value, or -1
     * @param fields the fields the route knows
     */
    static RequestBody read(InputStream in, long declaredLength, Set<String> fields) {
        if (declaredLength > Limits.MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return parse(readAtMost(in, Limits.MAX_BODY_BYTES), fields);
    }

    /** Parses a body already read. */
    static RequestBody parse(byte[] body, Set<String> fields) {
        JsonNode node;
        try {
            node = body.length == 0 ? null : STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("the body is not valid JSON: " + e.getOriginalMessage().replace('\n', ' '));
        } catch (IOException e) {
            throw HttpError.badRequest("the body could not be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw HttpError.badRequest("the body must be a JSON object");
        }
        RequestBody request = new RequestBody((ObjectNode) node, "");
        request.requireKnown(fields);
        return request;
    }

    private static byte[] readAtMost(InputStream in, long limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        try {
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (out.size() + (long) read > limit) {
                    throw tooLarge();
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException e) {
            throw HttpError.badRequest("the body could not be read: " + e.getMessage());
        }
        return out.toByteArray();
    }

    private static HttpError tooLarge() {
        return HttpError.tooLarge("the body is larger than " + (Limits.MAX_BODY_BYTES >> 20) + " MiB");
    }

    private void requireKnown(Set<String> fields) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw HttpError.badRequest("unknown field \"" + where + name + "\" (known: "
                        + String.join(", ", fields.stream().sorted().toList()) + ")");
            }
        }
    }

    boolean has(String name) {
        JsonNode node = root.get(name);
        return node != null && !node.isNull();
    }

    /** An integer field in min..max, or {@code fallback} when it is absent. */
    int integer(String name, int fallback, int min, int max) {
        if (!has(name)) {
            return fallback;
        }
        return integer(root.get(name), name(name), min, max);
    }

    /** A required integer field in min..max. */
    int integer(String name, int min, int max) {
        requireField(name);
        return integer(name, 0, min, max);
    }

    /** A seed: any integer of 64 bits. */
    long seed(String name, long fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode node = root.get(name);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw HttpError.badRequest(name(name) + " must be an integer, got " + node);
        }
        return node.longValue();
    }

    /** A finite number in (min, max] (min excluded), or {@code fallback} when absent. */
    double positive(String name, double fallback, double max) {
        if (!has(name)) {
            return fallback;
        }
        double v = number(root.get(name), name(name));
        if (!(v > 0) || v > max) {
            throw HttpError.badRequest(name(name) + " must be in (0, " + format(max) + "], got " + format(v));
        }
        return v;
    }

    /** A boolean field, or {@code fallback} when absent. */
    boolean flag(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode node = root.get(name);
        if (!node.isBoolean()) {
            throw HttpError.badRequest(name(name) + " must be true or false, got " + node);
        }
        return node.booleanValue();
    }

    /** A string field, one of {@code choices} (case-insensitive), or {@code fallback} when absent. */
    String choice(String name, String fallback, String... choices) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode node = root.get(name);
        if (node.isTextual()) {
            String value = node.textValue().toLowerCase(Locale.ROOT);
            for (String c : choices) {
                if (c.equals(value)) {
                    return c;
                }
            }
        }
        throw HttpError.badRequest(name(name) + " must be one of " + String.join(", ", choices) + ", got " + node);
    }

    /** A vector of exactly {@code length} finite numbers. */
    float[] vector(String name, int length) {
        requireField(name);
        JsonNode node = root.get(name);
        float[] v = row(node, name(name), length);
        return v;
    }

    /**
     * A list of 1..maxRows rows of {@code width} finite numbers each, flattened row-major; with
     * {@code unit}, every value must lie in [0, 1].
     */
    float[] rows(String name, int width, int maxRows, boolean unit) {
        requireField(name);
        JsonNode node = root.get(name);
        if (!node.isArray() || node.isEmpty()) {
            throw HttpError.badRequest(name(name) + " must be a non-empty list of lists of " + width + " numbers");
        }
        if (node.size() > maxRows) {
            throw HttpError.badRequest(name(name) + " holds " + node.size() + " rows; at most " + maxRows);
        }
        float[] all = new float[node.size() * width];
        for (int i = 0; i < node.size(); i++) {
            float[] r = row(node.get(i), name(name) + "[" + i + "]", width);
            if (unit) {
                for (int j = 0; j < width; j++) {
                    if (r[j] < 0 || r[j] > 1) {
                        throw HttpError.badRequest(name(name) + "[" + i + "][" + j + "] is " + format(r[j])
                                + ", outside [0, 1]");
                    }
                }
            }
            System.arraycopy(r, 0, all, i * width, width);
        }
        return all;
    }

    /** The number of rows of a list field (checked by {@link #rows} first). */
    int count(String name) {
        return root.get(name).size();
    }

    /** A list of exactly {@code length} integers in min..max. */
    int[] integers(String name, int length, int min, int max) {
        requireField(name);
        JsonNode node = root.get(name);
        if (!node.isArray() || node.size() != length) {
            throw HttpError.badRequest(name(name) + " must be a list of " + length + " integers");
        }
        int[] values = new int[length];
        for (int i = 0; i < length; i++) {
            values[i] = integer(node.get(i), name(name) + "[" + i + "]", min, max);
        }
        return values;
    }

    /** A nested object holding only {@code fields}. */
    RequestBody object(String name, Set<String> fields) {
        requireField(name);
        JsonNode node = root.get(name);
        if (!node.isObject()) {
            throw HttpError.badRequest(name(name) + " must be an object with one of " + String.join(", ", fields.stream()
                    .sorted().toList()));
        }
        RequestBody nested = new RequestBody((ObjectNode) node, name(name) + ".");
        nested.requireKnown(fields);
        return nested;
    }

    /** The field's name as the error messages give it ("from.index" for a nested field). */
    String name(String field) {
        return where + field;
    }

    private void requireField(String name) {
        if (!has(name)) {
            throw HttpError.badRequest("missing field \"" + name(name) + "\"");
        }
    }

    private static float[] row(JsonNode node, String name, int width) {
        if (!node.isArray() || node.size() != width) {
            throw HttpError.badRequest(name + " must be a list of " + width + " numbers"
                    + (node.isArray() ? ", got " + node.size() : ""));
        }
        float[] v = new float[width];
        for (int j = 0; j < width; j++) {
            double value = number(node.get(j), name + "[" + j + "]");
            if (Math.abs(value) > Float.MAX_VALUE) {
                throw HttpError.badRequest(name + "[" + j + "] is too large for a float: " + format(value));
            }
            v[j] = (float) value;
        }
        return v;
    }

    private static double number(JsonNode node, String name) {
        if (!node.isNumber()) {
            throw HttpError.badRequest(name + " must be a number, got " + abbreviate(node.toString()));
        }
        double v = node.doubleValue();
        if (!Double.isFinite(v)) {
            throw HttpError.badRequest(name + " must be finite, got " + node);
        }
        return v;
    }

    private static int integer(JsonNode node, String name, int min, int max) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw HttpError.badRequest(name + " must be an integer in " + min + ".." + max + ", got "
                    + abbreviate(node.toString()));
        }
        int v = node.intValue();
        if (v < min || v > max) {
            throw HttpError.badRequest(name + " must be in " + min + ".." + max + ", got " + v);
        }
        return v;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
