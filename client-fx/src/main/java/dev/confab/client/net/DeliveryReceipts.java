package dev.confab.client.net;

import dev.confab.client.store.LocalStore;
import dev.confab.protocol.Request;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Tells the server how far messages from others reached this user ({@code mark} with {@code delivered}), so
 * their senders see DELIVERED. Batched: one mark per conversation per flush, flushes at least
 * {@link #MIN_INTERVAL} apart, only while a link is up; marks the user's markers already cover are skipped.
 * Never blocks event application: it only records a number there. Confined to the engine's loop.
 */
final class DeliveryReceipts implements LinkUser {
    static final Duration MIN_INTERVAL = Duration.ofMillis(500);

    private final LocalStore store;
    private final ClientRuntime runtime;
    private final Executor loop;
    private final Map<Long, Long> pending = new LinkedHashMap<>();
    private Link link;
    private Future<?> timer;
    private long lastFlushNanos;
    private boolean flushedOnce;
    private long ids;

    DeliveryReceipts(LocalStore store, ClientRuntime runtime, Executor loop) {
        this.store = store;
        this.runtime = runtime;
        this.loop = loop;
    }

    /** A message from someone else, up to {@code seq} of the conversation, is stored on this device. */
    void received(long conversationId, long seq) {
        pending.merge(conversationId, seq, Math::max);
        schedule();
    }

    @Override
    public void linkUp(Link newLink) {
        link = newLink;
        schedule();
    }

    @Override
    public void linkDown() {
        link = null;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void schedule() {
        if (link == null || timer != null || pending.isEmpty()) {
            return;
        }
        long now = runtime.nanoTime().getAsLong();
        long wait = flushedOnce ? Math.max(0, lastFlushNanos + MIN_INTERVAL.toNanos() - now) : 0;
        timer = runtime.scheduler().schedule(() -> loop.execute(this::flush), wait, TimeUnit.NANOSECONDS);
    }

    private void flush() {
        timer = null;
        Link on = link;
        if (on == null) {
            return;
        }
        flushedOnce = true;
        lastFlushNanos = runtime.nanoTime().getAsLong();
        String me = store.username();
        Map<Long, Long> batch = new LinkedHashMap<>(pending);
        pending.clear();
        batch.forEach((conversationId, seq) -> {
            if (store.marker(conversationId, me).delivered() >= seq) {
                return; // another of the user's devices (or an earlier mark) already said so
            }
            on.request(new Request.Mark("d" + (++ids), conversationId, seq, null)).whenComplete((reply, failure) -> {
                if (failure != null) {
                    loop.execute(() -> received(conversationId, seq)); // the link broke: try again on the next
                }
            });
        });
    }
}
