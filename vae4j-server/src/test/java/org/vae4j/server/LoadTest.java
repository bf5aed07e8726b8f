package org.vae4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 8 concurrent clients send 2000 decode requests in all to a server on 127.0.0.1: every answer is a 200
 * with the image of its point. Prints p50 and p99 latency and requests per second (no timed assertion:
 * the machine is shared; bench/explorer.sh measures the figures).
 */
class LoadTest {

    static final int CLIENTS = 8;
    static final int REQUESTS = 2000;

    @Test
    void eightClientsDecode() throws Exception {
        Models.Served served = Models.vae();
        String url = served.url("/api/decode");
        HttpClient client = HttpClient.newHttpClient();
        long[] nanos = new long[REQUESTS];
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int first = c;
                clients.add(pool.submit(() -> {
                    for (int i = first; i < REQUESTS; i += CLIENTS) {
                        double x = Math.sin(i * 0.37) * 2;
                        double y = Math.cos(i * 0.11) * 2;
                        String body = String.format(Locale.ROOT, "{\"points\": [[%.4f, %.4f]], \"values\": false}", x, y);
                        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        long t0 = System.nanoTime();
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        nanos[i] = System.nanoTime() - t0;
                        assertEquals(200, response.statusCode(), response.body());
                        assertEquals(true, response.body().contains("data:image/png;base64,"), response.body());
                    }
                    return null;
                }));
            }
            for (Future<?> f : clients) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "LoadTest: %d decodes by %d clients in %.2f s: %.0f requests/s, p50 %.2f ms, "
                + "p99 %.2f ms%n", REQUESTS, CLIENTS, seconds, REQUESTS / seconds, sorted[REQUESTS / 2] / 1e6,
                sorted[(int) (REQUESTS * 0.99)] / 1e6);
    }
}
