package dev.confab.client.net;

import dev.confab.protocol.ErrorCode;

/** The server refused a request (wrong password, username taken, ...); {@code code} is null if it said nothing usable. */
public final class ServerException extends RuntimeException {
    private final ErrorCode code;

    public ServerException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
