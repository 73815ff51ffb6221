package dev.confab.client.net;

import java.io.IOException;

/** A request needs the server and the client has no link to it right now (requests are not queued). */
public final class OfflineException extends IOException {
    public OfflineException(String message) {
        super(message);
    }
}
