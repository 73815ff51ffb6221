package dev.confab.client.net;

/** How the client is talking to the server: WebSocket is primary, HTTP long-polling the fallback. */
public enum TransportKind {
    WEBSOCKET,
    LONG_POLL
}
