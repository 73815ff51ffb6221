/**
 * The headless connection engine: {@link dev.confab.client.net.ChatClient} over one policy object
 * (reconnect, backoff, fallback, heartbeats) and one class per transport. No JavaFX here; threading rules
 * are in {@code client-fx/CONCURRENCY.md}.
 */
package dev.confab.client.net;
