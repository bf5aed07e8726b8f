package org.vae4j.server;

/** A request the server refuses: its HTTP status and a message naming the problem, sent as {"error": ...}. */
final class HttpError extends RuntimeException {

    private final int status;

    HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    static HttpError tooLarge(String message) {
        return new HttpError(413, message);
    }

    int status() {
        return status;
    }
}
