package org.vae4j.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The web explorer's server: the page and the JSON API over one {@link Session}. Every error is one JSON
 * line {"error": "..."}: 400 for a bad request, 404 for an unknown route or example, 413 for a body over
 * {@link Limits#MAX_BODY_BYTES}, and a one-line 500 (no stack trace) for anything unexpected; Jetty's own
 * refusals (a path that climbs out of the root, a malformed request) say so in the same form.
 *
 * <p>Threads: Jetty serves requests on its pool; all share the session's one read-only
 * {@link org.vae4j.api.TrainedModel}, which is safe without a lock (see {@link Session}).
 */
public final class ExplorerServer implements AutoCloseable {

    private final Javalin app;

    private ExplorerServer(Javalin app) {
        this.app = app;
    }

    /**
     * Starts serving {@code session} on host:port (port 0: any free port).
     *
     * @throws IllegalStateException (from Jetty) when the port cannot be bound
     */
    public static ExplorerServer start(Session session, String host, int port) {
        ModelRoutes model = new ModelRoutes(session);
        ComputeRoutes compute = new ComputeRoutes(session);
        PageRoutes page = new PageRoutes();
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            // the routes read bodies themselves, counting against Limits.MAX_BODY_BYTES
            cfg.http.maxRequestSize = 2 * Limits.MAX_BODY_BYTES;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            page.register(cfg.routes);
            model.register(cfg.routes);
            compute.register(cfg.routes);
            cfg.routes.exception(HttpError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                    e.getStatus() == 404 ? "no route " + ctx.method() + " " + ctx.path() : e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal error: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            cfg.routes.error(404, ctx -> {
                if (!isJson(ctx)) {
                    error(ctx, 404, "no route " + ctx.method() + " " + ctx.path());
                }
            });
        });
        app.start(host, port);
        return new ExplorerServer(app);
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /** Stops serving; the session's model stays open (its owner closes it). */
    @Override
    public void close() {
        app.stop();
    }

    static void json(Context ctx, String body) {
        ctx.contentType("application/json").result(body);
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status);
        json(ctx, Json.error(message));
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/json");
    }

    /** Jetty's refusals before a request reaches Javalin, as the same one JSON line. */
    private static final class JsonErrorHandler extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                Callback callback) throws IOException {
            String text = message == null || message.isBlank() ? "HTTP " + code : message;
            byte[] body = (Json.error(text) + "\n").getBytes(StandardCharsets.UTF_8);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }
}
