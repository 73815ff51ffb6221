package dev.confab.server.chat;

import dev.confab.server.store.AccountStore;
import dev.confab.server.store.AccountStore.ConversationRecord;
import dev.confab.server.store.AccountStore.MemberRecord;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Conversations and their members, cached from the {@link AccountStore}. Reads are thread safe; changes are
 * made only on the writer thread (see {@link MessageWriter}), so fan-out and membership never race.
 */
public final class Memberships {
    private final AccountStore store;
    private final ConcurrentMap<Long, ConversationRecord> cache = new ConcurrentHashMap<>();

    public Memberships(AccountStore store) {
        this.store = store;
    }

    public Optional<ConversationRecord> get(long conversationId) {
        ConversationRecord cached = cache.get(conversationId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ConversationRecord> loaded = store.conversation(conversationId);
        loaded.ifPresent(r -> cache.putIfAbsent(conversationId, r));
        return loaded;
    }

    /** The conversation if cached; never touches the store. */
    Optional<ConversationRecord> cached(long conversationId) {
        return Optional.ofNullable(cache.get(conversationId));
    }

    public Optional<MemberRecord> member(long conversationId, long userId) {
        return get(conversationId).flatMap(c -> c.members().stream().filter(m -> m.userId() == userId).findFirst());
    }

    /** Re-reads a conversation after the store changed it. Writer thread only. */
    ConversationRecord reload(long conversationId) {
        cache.remove(conversationId);
        ConversationRecord fresh = store.conversation(conversationId)
                .orElseThrow(() -> new IllegalStateException("conversation " + conversationId + " vanished"));
        cache.put(conversationId, fresh);
        return fresh;
    }

    AccountStore store() {
        return store;
    }
}
