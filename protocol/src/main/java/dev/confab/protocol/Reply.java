package dev.confab.protocol;

import java.util.List;

/** The answer to one {@link Request}; {@code id} echoes the request's id. */
public sealed interface Reply extends ServerFrame {
    /** The echoed request id; null only on an {@link Error} for a frame whose id could not be read. */
    String id();

    record HelloOk(String id, int protocol, String server) implements Reply {
    }

    record RegisterOk(String id, long userId, String username) implements Reply {
    }

    /** A new device session. Keep {@code token} secret; it is shown only once. */
    record LoginOk(String id, long userId, String username, long deviceId, String token, long latestEventSeq)
            implements Reply {
    }

    record AuthOk(String id, long userId, String username, long deviceId, long latestEventSeq) implements Reply {
    }

    record LogoutOk(String id) implements Reply {
    }

    record WhoamiOk(String id, long userId, String username, String displayName, long deviceId, String deviceName)
            implements Reply {
    }

    /**
     * The message is durable. {@code duplicate} is true when this {@code clientMsgId} was already stored;
     * the reply then describes the original message.
     */
    record SendOk(String id, long conversationId, long seq, String clientMsgId, long sentAt, boolean duplicate)
            implements Reply {
    }

    /** Messages oldest first; {@code hasMore} says whether older ones exist before the first. */
    record HistoryOk(String id, long conversationId, List<Message> messages, boolean hasMore) implements Reply {
        public HistoryOk {
            messages = List.copyOf(messages);
        }
    }

    /** Events oldest first; {@code latestSeq} is the newest event of the stream when the page was read. */
    record SyncOk(String id, List<Event> events, long latestSeq, boolean hasMore) implements Reply {
        public SyncOk {
            events = List.copyOf(events);
        }
    }

    record SubscribeOk(String id, long latestSeq) implements Reply {
    }

    record Pong(String id, long serverTime) implements Reply {
    }

    record Error(String id, ErrorCode code, String message) implements Reply {
    }

    record MarkOk(String id, long conversationId, long delivered, long read) implements Reply {
    }

    record ReceiptsOk(String id, long conversationId, List<Info.Receipt> receipts) implements Reply {
        public ReceiptsOk {
            receipts = List.copyOf(receipts);
        }
    }

    record ConversationsOk(String id, List<Info.Conversation> conversations) implements Reply {
        public ConversationsOk {
            conversations = List.copyOf(conversations);
        }
    }

    /** The reply to create_group, rename_group, add_members, remove_member: the group after the change. */
    record GroupOk(String id, Info.Conversation conversation) implements Reply {
    }

    record LeaveGroupOk(String id, long conversationId) implements Reply {
    }

    record UserOk(String id, Info.User user) implements Reply {
    }

    record ContactsOk(String id, List<Info.User> contacts) implements Reply {
        public ContactsOk {
            contacts = List.copyOf(contacts);
        }
    }

    record SettingsOk(String id, java.util.Map<String, String> settings) implements Reply {
    }

    record DevicesOk(String id, List<Info.Device> devices) implements Reply {
    }

    /** A request that changes something and has nothing to return. */
    record Ok(String id) implements Reply {
    }
}
