/**
 * The headless connection engine: {@link dev.confab.client.net.ChatClient} over one policy object
 * (reconnect, backoff, fallback, heartbeats), one class per transport, and the link users that send in the
 * background (outbox, delivered receipts, conversation refresh, away flag). No JavaFX here; threading rules
 * are in {@code client-fx/CONCURRENCY.md}.
 */
package dev.confab.client.net;
