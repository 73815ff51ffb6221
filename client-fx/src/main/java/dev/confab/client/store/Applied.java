package dev.confab.client.store;

import dev.confab.protocol.Message;
import java.util.List;
import java.util.Set;

/**
 * What applying a batch of events did besides storing it.
 *
 * @param unknownConversations conversations first seen through a message, whose name and members are not
 *                             known yet (refresh the list)
 * @param acknowledged own messages that were still in the outbox and left it in the same transaction
 */
public record Applied(Set<Long> unknownConversations, List<Message> acknowledged) {
    public Applied {
        unknownConversations = Set.copyOf(unknownConversations);
        acknowledged = List.copyOf(acknowledged);
    }

    static final Applied NOTHING = new Applied(Set.of(), List.of());
}
