package dev.confab.server.transport.http;

import dev.confab.protocol.ErrorCode;

/** The HTTP status that goes with each error code; the body always carries the error frame too. */
final class HttpStatus {
    private HttpStatus() {
    }

    static int of(ErrorCode code) {
        return switch (code) {
            case BAD_FRAME, UNKNOWN_TYPE, INVALID_REQUEST, UNSUPPORTED_VERSION, HELLO_REQUIRED, BAD_CURSOR -> 400;
            case UNAUTHENTICATED, INVALID_CREDENTIALS -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case USERNAME_TAKEN -> 409;
            case FRAME_TOO_LARGE -> 413;
            case LIMIT_EXCEEDED -> 422;
            case RATE_LIMITED -> 429;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
    }
}
