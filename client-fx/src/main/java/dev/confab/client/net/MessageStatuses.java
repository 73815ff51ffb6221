package dev.confab.client.net;

import dev.confab.client.store.LocalStore;
import dev.confab.protocol.Info;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Works out an own message's {@link MessageStatus} from the local store: the outbox, the refused list, and the
 * other members' markers (from receipt events). DELIVERED and READ need every other current member. Thread
 * safe (a few short store reads).
 */
final class MessageStatuses {
    private final LocalStore store;

    MessageStatuses(LocalStore store) {
        this.store = store;
    }

    /** {@code seq} may be 0 for a message not yet acknowledged; {@code clientMsgId} may be null if seq is known. */
    MessageStatus of(long conversationId, long seq, String clientMsgId) {
        if (clientMsgId != null) {
            if (store.inOutbox(clientMsgId)) {
                return MessageStatus.SENDING;
            }
            if (store.failedSend(clientMsgId).isPresent()) {
                return MessageStatus.FAILED;
            }
            if (seq <= 0) {
                seq = store.seqOf(conversationId, clientMsgId).orElse(0L);
            }
        }
        List<String> others = others(conversationId);
        if (seq <= 0 || others.isEmpty()) {
            return MessageStatus.SENT;
        }
        Map<String, Info.Receipt> markers = store.markers(conversationId).stream()
                .collect(Collectors.toMap(Info.Receipt::username, Function.identity()));
        Info.Receipt none = new Info.Receipt("", 0, 0);
        long s = seq;
        if (others.stream().allMatch(u -> markers.getOrDefault(u, none).read() >= s)) {
            return MessageStatus.READ;
        }
        if (others.stream().allMatch(u -> markers.getOrDefault(u, none).delivered() >= s)) {
            return MessageStatus.DELIVERED;
        }
        return MessageStatus.SENT;
    }

    private List<String> others(long conversationId) {
        String me = store.username();
        Optional<Info.Conversation> c = store.conversation(conversationId);
        if (c.isEmpty()) {
            return List.of();
        }
        List<String> members = c.get().members().stream().map(Info.Member::username).filter(u -> !u.equals(me))
                .toList();
        if (members.isEmpty() && c.get().peer() != null && !c.get().peer().equals(me)) {
            return List.of(c.get().peer()); // a 1:1 chat known only from its messages so far
        }
        return members;
    }
}
