package org.vae4j.server;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The page: index.html, explorer.js and explorer.css from the jar's resources, read once at start. */
final class PageRoutes {

    private static final String FOLDER = "page/";

    private final byte[] html = resource("index.html");
    private final byte[] script = resource("explorer.js");
    private final byte[] style = resource("explorer.css");

    void register(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result(html));
        routes.get("/explorer.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(script));
        routes.get("/explorer.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(style));
    }

    private static byte[] resource(String name) {
        try (InputStream in = PageRoutes.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the page's " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
