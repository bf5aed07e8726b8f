package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** vae4j serve runs in-process until interrupted, then closes its port; bad ports and data are one line, exit 2. */
class ServeCommandTest {

    @Test
    void servesUntilInterruptedThenClosesThePort() throws Exception {
        String run = Fixtures.digitsVae().dir().toString();
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread serving = new Thread(() -> exit.set(cli.execute("serve", "--model", run, "--port", "0", "--n", "100",
                "--k", "5")));
        serving.start();
        Pattern address = Pattern.compile("at http://127\\.0\\.0\\.1:(\\d+)/");
        Matcher found = null;
        for (int i = 0; i < 600 && serving.isAlive(); i++) {
            Matcher m = address.matcher(out.toString());
            if (m.find()) {
                found = m;
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(found != null, () -> "no address printed: " + out + err);
        int port = Integer.parseInt(found.group(1));
        HttpResponse<String> model = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/model")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, model.statusCode(), model.body());
        assertTrue(model.body().contains("\"examples\":100"), model.body());
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(page.body().contains("vae4j explorer"), page.body());

        serving.interrupt();
        serving.join(30_000);
        assertFalse(serving.isAlive(), "serve stops when interrupted");
        assertEquals(ExitCodes.OK, exit.get(), () -> out + err.toString());
        assertTrue(out.toString().strip().endsWith("stopped"), out::toString);
        assertEquals("", err.toString());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "the port is closed");
    }

    @Test
    void badPortBusyPortAndMissingData() throws IOException {
        String run = Fixtures.digitsVae().dir().toString();
        CliRun.run("serve", "--model", run, "--port", "70000").assertBadInput("--port", "0..65535");
        CliRun.run("serve", "--model", run, "--k", "0").assertBadInput("--k");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliRun.run("serve", "--model", run, "--n", "20", "--k", "2", "--port", String.valueOf(busy.getLocalPort()))
                    .assertBadInput("cannot listen on 127.0.0.1:" + busy.getLocalPort());
        }
        CliRun.run("serve", "--model", Fixtures.csvVae().dir().toString()).assertBadInput("clusters.csv", "--data");
    }
}
