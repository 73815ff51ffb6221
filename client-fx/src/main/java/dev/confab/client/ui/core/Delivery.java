package dev.confab.client.ui.core;

/** Where one of the user's own messages is, as its row shows it. */
public enum Delivery {
    /** In the outbox: written (perhaps offline) and not yet acknowledged by the server. */
    SENDING,
    SENT,
    DELIVERED,
    READ,
    /** The server refused it for good; the row offers Retry. */
    FAILED
}
