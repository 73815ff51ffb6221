package dev.confab.client.net;

/**
 * Something that sends over whichever link is online (the outbox, delivery receipts, the conversation refresh,
 * the away flag). The engine calls both methods on its loop: {@code linkUp} when a link goes online,
 * {@code linkDown} when it is lost or the engine stops; implementations are confined to that loop.
 */
interface LinkUser {
    void linkUp(Link link);

    void linkDown();
}
