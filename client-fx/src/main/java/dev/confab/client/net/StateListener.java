package dev.confab.client.net;

/** Hears every state transition, in order, on the client's callback executor. */
@FunctionalInterface
public interface StateListener {
    void onStateChanged(ConnectionState previous, ConnectionState current);
}
