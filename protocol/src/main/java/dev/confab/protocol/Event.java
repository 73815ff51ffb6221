package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One entry of a user's event stream; {@code seq} is dense per user (1, 2, 3, ...). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = Event.Unknown.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = Event.MessageEvent.class, name = "message"),
    @JsonSubTypes.Type(value = Event.GroupEvent.class, name = "group"),
    @JsonSubTypes.Type(value = Event.ReceiptEvent.class, name = "receipt"),
    @JsonSubTypes.Type(value = Event.ContactEvent.class, name = "contact"),
    @JsonSubTypes.Type(value = Event.ProfileEvent.class, name = "profile"),
    @JsonSubTypes.Type(value = Event.SettingsEvent.class, name = "settings"),
    @JsonSubTypes.Type(value = Event.DeviceEvent.class, name = "device"),
})
public sealed interface Event {
    long seq();

    /**
     * An event of a type this build does not know (a newer server). Clients must still advance their cursor
     * past it. Never sent by this server.
     */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Unknown(long seq) implements Event {
    }

    /** A message in one of the user's conversations, including the user's own from any device. */
    record MessageEvent(long seq, Message message) implements Event {
    }

    /**
     * A group was created or changed. Members get it; a removed or leaving member gets it too (then nothing
     * more from that group).
     *
     * @param change {@code created}, {@code renamed}, {@code members_added}, {@code member_removed}, {@code member_left}
     * @param subjects the users added or removed, if any
     * @param conversation the group after the change (for the removed member: as it now is, without them)
     */
    record GroupEvent(long seq, String change, String actor, java.util.List<String> subjects,
                      Info.Conversation conversation) implements Event {
    }

    /**
     * A member's delivery/read marker moved forward. Always sent to that user's own devices; to the other members in
     * 1:1 conversations and in groups of up to 50 members (bigger groups ask with {@code receipts}).
     */
    record ReceiptEvent(long seq, long conversationId, String username, long delivered, long read) implements Event {
    }

    /** The user's contact list changed ({@code added} or {@code removed}); sent to the user's own devices. */
    record ContactEvent(long seq, String change, Info.User user) implements Event {
    }

    /** A user's profile changed; sent to that user and everyone who shares a conversation or has them as contact. */
    record ProfileEvent(long seq, Info.User user) implements Event {
    }

    /** The user's settings after a change; sent to the user's own devices. */
    record SettingsEvent(long seq, java.util.Map<String, String> settings) implements Event {
    }

    /** One of the user's devices was signed out by another ({@code revoked}, after revoke_device or a password change). */
    record DeviceEvent(long seq, String change, Info.Device device) implements Event {
    }
}
