package dev.confab.client.net;

import dev.confab.client.store.LocalStore;
import dev.confab.protocol.Info;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * Keeps the cached conversation list in step with the server: asks for the whole list on every new link (it
 * carries what events cannot, such as presence and history from before this device), and again when a
 * message names a conversation the cache does not know. At most one request in flight. Confined to the loop.
 */
final class ConversationSync implements LinkUser {
    private final LocalStore store;
    private final Callbacks callbacks;
    private final Executor loop;
    private final LongSupplier cursor;
    private Link link;
    private Link asking;
    private boolean again;
    private long ids;

    /** {@code cursor} is the engine's applied event cursor (read on the loop). */
    ConversationSync(LocalStore store, Callbacks callbacks, Executor loop, LongSupplier cursor) {
        this.store = store;
        this.callbacks = callbacks;
        this.loop = loop;
        this.cursor = cursor;
    }

    @Override
    public void linkUp(Link newLink) {
        link = newLink;
        again = false;
        refresh();
    }

    @Override
    public void linkDown() {
        link = null;
    }

    /** Refreshes now, or right after the refresh in flight; does nothing while offline. */
    void refreshSoon() {
        if (link == null) {
            return;
        }
        if (asking == link) {
            again = true;
        } else {
            refresh();
        }
    }

    /** Merges a list asked for when the cursor was {@code askedAt} (by the application, say) and tells listeners. */
    void merge(List<Info.Conversation> conversations, long askedAt) {
        store.mergeConversations(conversations, askedAt);
        callbacks.conversationsChanged();
    }

    private void refresh() {
        Link on = link;
        long askedAt = cursor.getAsLong();
        asking = on;
        on.request(new Request.Conversations("cv" + (++ids))).whenComplete((reply, failure) ->
                loop.execute(() -> replied(on, askedAt, reply)));
    }

    private void replied(Link on, long askedAt, Reply reply) {
        if (on != link) {
            return;
        }
        asking = null;
        if (reply instanceof Reply.ConversationsOk ok) {
            merge(ok.conversations(), askedAt);
        }
        if (again) {
            again = false;
            refresh();
        }
    }
}
