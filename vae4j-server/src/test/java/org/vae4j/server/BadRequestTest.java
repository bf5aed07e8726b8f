package org.vae4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Bad requests get 400, 404 or 413 with one JSON line naming the problem, never a 500 or a stack trace. */
class BadRequestTest {

    private static Http.Answer refused(int status, Http.Answer answer, String... words) {
        assertEquals(status, answer.status(), answer::toString);
        assertTrue(answer.contentType().startsWith("application/json"), answer::toString);
        String error = answer.json().get("error").asText();
        assertEquals(1, answer.json().size(), answer::toString);
        assertFalse(answer.body().strip().contains("\n"), "one line: " + answer);
        assertFalse(answer.body().contains("at org."), "no stack trace: " + answer);
        for (String word : words) {
            assertTrue(error.contains(word), () -> "\"" + word + "\" in " + answer);
        }
        return answer;
    }

    private static String decode() {
        return Models.vae().url("/api/decode");
    }

    @Test
    void malformedBodies() {
        refused(400, Http.post(decode(), "{\"codes\": [[0, 0]"), "not valid JSON");
        refused(400, Http.post(decode(), ""), "JSON object");
        refused(400, Http.post(decode(), "[1, 2]"), "JSON object");
        refused(400, Http.post(decode(), "{\"codes\": [[0, 0]]} trailing"), "not valid JSON");
        refused(400, Http.post(decode(), "{\"codes\": [[NaN, 0]]}"), "not valid JSON");
        refused(400, Http.post(decode(), "{\"codes\": [[\"NaN\", 0]]}"), "codes[0][0]", "number");
        refused(400, Http.post(decode(), "{\"codes\": [[1e39, 0]]}"), "codes[0][0]", "too large");
        refused(400, Http.post(decode(), "{\"codes\": [[0, 0]], \"codes\": [[1, 1]]}"), "not valid JSON");
    }

    @Test
    void wrongFields() {
        refused(400, Http.post(decode(), "{\"codes\": [[0, 0]], \"path\": \"/etc/passwd\"}"), "unknown field", "path");
        refused(400, Http.post(decode(), "{}"), "codes", "points");
        refused(400, Http.post(decode(), "{\"codes\": [[0, 0, 0]]}"), "codes[0]", "2 numbers");
        refused(400, Http.post(decode(), "{\"codes\": []}"), "codes", "non-empty");
        refused(400, Http.post(decode(), "{\"codes\": [[0, 0]], \"label\": 1}"), "not class-conditional");
        refused(400, Http.post(decode(), "{\"points\": [[0, 0]], \"codes\": [[0, 0]]}"), "one of the two");
        String url = Models.vae().url("/api/");
        refused(400, Http.post(url + "encode", "{\"images\": [[0.5]]}"), "images[0]", "784 numbers");
        float[] image = new float[784];
        image[3] = 1.5f;
        refused(400, Http.post(url + "encode", "{\"images\": [" + Arrays.toString(image) + "]}"), "images[0][3]",
                "outside [0, 1]");
        refused(400, Http.post(url + "sample", "{\"n\": 0}"), "n must be in 1..256");
        refused(400, Http.post(url + "sample", "{\"n\": 2.5}"), "n must be an integer");
        refused(400, Http.post(url + "sample", "{\"n\": \"3\"}"), "n must be an integer");
        refused(400, Http.post(url + "interpolate", "{\"from\": {\"index\": 0}, \"to\": {\"index\": 1}, \"steps\": 65}"),
                "steps", "2..64");
        refused(400, Http.post(url + "interpolate", "{\"from\": {\"index\": 0}, \"to\": {\"index\": 1}, \"kind\": \"cubic\"}"),
                "kind", "linear, spherical");
        refused(400, Http.post(url + "interpolate", "{\"from\": {\"index\": 0, \"code\": [0, 0]}, \"to\": {\"index\": 1}}"),
                "from.", "one of");
        refused(400, Http.post(url + "interpolate", "{\"from\": {\"index\": 9999}, \"to\": {\"index\": 1}}"),
                "from.index");
        refused(400, Http.post(url + "grid", "{\"size\": 31}"), "size", "2..30");
        refused(400, Http.post(url + "grid", "{\"across\": 1, \"up\": 1}"), "two different");
        refused(400, Http.post(url + "grid", "{\"range\": -1}"), "range");
        refused(400, Http.post(url + "score", "{\"images\": [" + Arrays.toString(new float[784]) + "], \"k\": 5001}"),
                "k must be in 1..5000");
        StringBuilder many = new StringBuilder("{\"k\": 1000, \"images\": [");
        for (int i = 0; i < 201; i++) {
            many.append(i == 0 ? "" : ",").append(Arrays.toString(new float[784]));
        }
        refused(400, Http.post(url + "score", many + "]}"), "201 images", "200000");
    }

    @Test
    void labelsOfAConditionalModel() {
        String url = Models.cvae().url("/api/decode");
        refused(400, Http.post(url, "{\"codes\": [[0, 0, 0]]}"), "class-conditional", "label");
        refused(400, Http.post(url, "{\"codes\": [[0, 0, 0]], \"label\": 10}"), "label must be in 0..9");
        refused(400, Http.post(url, "{\"codes\": [[0, 0, 0]], \"labels\": [1, 2]}"), "labels", "1 integers");
        refused(400, Http.get(Models.cvae().url("/api/examples/0?label=x")), "label must be an integer");
        refused(400, Http.get(Models.vae().url("/api/examples/0?label=1")), "not class-conditional");
        refused(400, Http.post(Models.ae().url("/api/sample"), "{}"), "no prior");
    }

    @Test
    void unknownRoutesAndExamples() {
        refused(404, Http.get(Models.vae().url("/api/nothing")), "no route");
        refused(404, Http.get(Models.vae().url("/api/decode")), "no route");
        refused(404, Http.get(Models.vae().url("/api/examples/200")), "no example 200");
        refused(404, Http.get(Models.vae().url("/api/examples/-1")), "no example");
        refused(404, Http.get(Models.vae().url("/api/examples/abc")), "no example");
        refused(400, Http.get(Models.vae().url("/api/least-likely?n=101")), "1..100");
        refused(400, Http.get(Models.vae().url("/api/least-likely?n=two")), "integer");
    }

    @Test
    void bodiesOverTheLimit() throws IOException {
        byte[] big = new byte[(int) Limits.MAX_BODY_BYTES + 10];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        refused(413, Http.send(HttpRequest.newBuilder(URI.create(decode())).POST(HttpRequest.BodyPublishers.ofByteArray(big))
                .build()), "larger than 4 MiB");
        // no Content-Length: chunked, counted while read
        refused(413, Http.send(HttpRequest.newBuilder(URI.create(decode())).POST(HttpRequest.BodyPublishers
                .ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build()), "larger than 4 MiB");
    }

    @Test
    void jettysOwnRefusalsAreJsonToo() throws IOException {
        String raw = rawGet(Models.vae().server().port(), "/a/../../b");
        assertTrue(raw.startsWith("HTTP/1.1 400"), raw);
        assertTrue(raw.contains("application/json"), raw);
        String body = raw.substring(raw.indexOf("\r\n\r\n") + 4).strip();
        assertTrue(body.startsWith("{\"error\":"), raw);
        assertFalse(body.contains("\n"), raw);
    }

    private static String rawGet(int port, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
