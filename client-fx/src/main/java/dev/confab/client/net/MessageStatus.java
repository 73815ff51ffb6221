package dev.confab.client.net;

/** Where one of the user's own messages is, as far as this device knows. */
public enum MessageStatus {
    /** In the outbox: written (perhaps offline) and not yet acknowledged by the server. */
    SENDING,
    /** Stored by the server. */
    SENT,
    /** Reached a device of every other member. */
    DELIVERED,
    /** Read by every other member. */
    READ,
    /** Refused by the server for good (for example, no such user); it can be resent. */
    FAILED
}
