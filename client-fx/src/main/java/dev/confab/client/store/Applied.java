package dev.confab.client.store;

import dev.confab.protocol.Message;
import java.util.List;
import java.util.Set;

/**
 * What applying a batch of events did besides storing it.
 *
 * @param unknownConversations conversations whose name or members are not known yet (first seen through a
 *                             message, or changed by a group event too big to list them): refresh the list
 * @param acknowledged own messages that were still in the outbox and left it in the same transaction
 */
public record Applied(Set<Long> unknownConversations, List<Message> acknowledged) {
    public Applied {
        unknownConversations = Set.copyOf(unknownConversations);
        acknowledged = List.copyOf(acknowledged);
    }

    static final Applied NOTHING = new Applied(Set.of(), List.of());
}
