package dev.confab.client.net;

import dev.confab.client.store.LocalStore;
import dev.confab.client.store.OutboxEntry;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Sends the persistent outbox over the current link, oldest first, at most {@link Link#maxInFlight()} ahead
 * of their acknowledgements, and removes each message when the server acknowledges it. After a link change
 * everything unacknowledged is sent again with the same clientMsgId; the server deduplicates. A message the server
 * refuses for good moves to the store's failed list.
 * <p>Confined to the engine's loop: every method runs there.
 */
final class OutboxSender implements LinkUser {
    private final LocalStore store;
    private final Callbacks callbacks;
    private final Executor loop;
    private final BiConsumer<Link, LinkFailure> broken;
    private final Map<String, OutboxEntry> inFlight = new LinkedHashMap<>();
    private Link link;
    private long ids;

    /** {@code broken} hears of a link whose send failed in a way only a new link can fix. */
    OutboxSender(LocalStore store, Callbacks callbacks, Executor loop, BiConsumer<Link, LinkFailure> broken) {
        this.store = store;
        this.callbacks = callbacks;
        this.loop = loop;
        this.broken = broken;
    }

    @Override
    public void linkUp(Link newLink) {
        link = newLink;
        inFlight.clear();
        flush();
    }

    @Override
    public void linkDown() {
        link = null;
        inFlight.clear();
    }

    /** Sends whatever the window allows; call after enqueueing. */
    void flush() {
        if (link == null) {
            return;
        }
        int window = link.maxInFlight();
        for (OutboxEntry entry : store.outbox(window + inFlight.size())) {
            if (inFlight.size() >= window) {
                return;
            }
            if (!inFlight.containsKey(entry.clientMsgId())) {
                send(entry);
            }
        }
    }

    /** The server stored {@code clientMsgId} (seen in a reply or in the event stream). */
    void acknowledged(String clientMsgId, long conversationId, long seq) {
        if (store.removeFromOutbox(clientMsgId)) {
            callbacks.acknowledged(clientMsgId, conversationId, seq);
        }
    }

    private void send(OutboxEntry entry) {
        inFlight.put(entry.clientMsgId(), entry);
        Link sentOn = link;
        Request.Send request = new Request.Send("s" + (++ids), entry.to(), entry.conversationId(),
                entry.clientMsgId(), entry.body());
        sentOn.request(request).whenComplete((reply, failure) ->
                loop.execute(() -> replied(sentOn, entry, reply, failure)));
    }

    private void replied(Link sentOn, OutboxEntry entry, Reply reply, Throwable failure) {
        if (sentOn != link) {
            return; // that link is gone; the message was or will be sent again on the new one
        }
        inFlight.remove(entry.clientMsgId());
        if (failure != null) {
            broken.accept(sentOn, LinkFailure.of(failure));
            return;
        }
        if (reply instanceof Reply.SendOk ok) {
            acknowledged(ok.clientMsgId(), ok.conversationId(), ok.seq());
        } else if (reply instanceof Reply.Error error) {
            LinkFailure f = LinkFailure.of(error);
            if (f.reason() != LinkFailure.Reason.PROTOCOL) {
                broken.accept(sentOn, f); // unavailable, internal, revoked token: retry on a new link
                return;
            }
            if (store.failSend(entry.clientMsgId(), error.code().wire(), error.message())) {
                callbacks.sendFailed(entry.clientMsgId(), error.code(), error.message());
            }
        }
        flush();
    }
}
