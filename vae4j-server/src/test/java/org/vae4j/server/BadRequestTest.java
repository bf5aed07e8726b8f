package org.vae4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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
        // refused by its Content-Length before the body is read (a raw request: the server answers while a
        // client such as java.net.http would still be sending, and may close the connection under it)
        String raw = raw(Models.vae().server().port(), "POST /api/decode HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + (Limits.MAX_BODY_BYTES + 1) + "\r\n\r\n{");
        assertTrue(raw.startsWith("HTTP/1.1 413"), raw);
        assertTrue(raw.contains("{\"error\":\"the body is larger than 4 MiB\"}"), raw);
        // no Content-Length: chunked, counted while read
        int size = (int) Limits.MAX_BODY_BYTES + 10;
        StringBuilder chunked = new StringBuilder("POST /api/decode HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n").append(Integer.toHexString(size)).append("\r\n{");
        chunked.append(" ".repeat(size - 2)).append("}\r\n0\r\n\r\n");
        raw = raw(Models.vae().server().port(), chunked.toString());
        assertTrue(raw.startsWith("HTTP/1.1 413"), raw.substring(0, Math.min(raw.length(), 200)));
        assertTrue(raw.contains("{\"error\":\"the body is larger than 4 MiB\"}"), raw);
    }

    @Test
    void anUnexpectedFailureIsAOneLine500() {
        // a model closed under a running server: the engine fails, the client gets one line, no trace
        Models.Served closed = Models.closedModel();
        Http.Answer answer = Http.post(closed.url("/api/decode"), "{\"codes\": [[0, 0]]}");
        refused(500, answer, "internal error");
        assertEquals(200, Http.get(closed.url("/api/model")).status(), "what the session holds is still served");
    }

    @Test
    void jettysOwnRefusalsAreJsonToo() throws IOException {
        String raw = raw(Models.vae().server().port(), "GET /a/../../b HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
        assertTrue(raw.startsWith("HTTP/1.1 400"), raw);
        assertTrue(raw.contains("application/json"), raw);
        String body = raw.substring(raw.indexOf("\r\n\r\n") + 4).strip();
        assertTrue(body.startsWith("{\"error\":"), raw);
        assertFalse(body.contains("\n"), raw);
    }

    /** Sends {@code request} as it is and reads the answer until the server closes or 2 s pass. */
    private static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            try {
                int read;
                while ((read = in.read(buffer)) != -1) {
                    answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    if (answer.indexOf("\r\n\r\n") >= 0 && answer.toString().contains("\"}")) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                // the answer is what came
            }
            return answer.toString();
        }
    }
}
