package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** A server-to-client frame: a {@link Reply} to one request, or a pushed batch of {@link Events}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = ServerFrame.Unknown.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = Reply.HelloOk.class, name = "hello_ok"),
    @JsonSubTypes.Type(value = Reply.RegisterOk.class, name = "register_ok"),
    @JsonSubTypes.Type(value = Reply.LoginOk.class, name = "login_ok"),
    @JsonSubTypes.Type(value = Reply.AuthOk.class, name = "auth_ok"),
    @JsonSubTypes.Type(value = Reply.LogoutOk.class, name = "logout_ok"),
    @JsonSubTypes.Type(value = Reply.WhoamiOk.class, name = "whoami_ok"),
    @JsonSubTypes.Type(value = Reply.SendOk.class, name = "send_ok"),
    @JsonSubTypes.Type(value = Reply.HistoryOk.class, name = "history_ok"),
    @JsonSubTypes.Type(value = Reply.SyncOk.class, name = "sync_ok"),
    @JsonSubTypes.Type(value = Reply.SubscribeOk.class, name = "subscribe_ok"),
    @JsonSubTypes.Type(value = Reply.Pong.class, name = "pong"),
    @JsonSubTypes.Type(value = Reply.Error.class, name = "error"),
    @JsonSubTypes.Type(value = Reply.MarkOk.class, name = "mark_ok"),
    @JsonSubTypes.Type(value = Reply.ReceiptsOk.class, name = "receipts_ok"),
    @JsonSubTypes.Type(value = Reply.ConversationsOk.class, name = "conversations_ok"),
    @JsonSubTypes.Type(value = Reply.GroupOk.class, name = "group_ok"),
    @JsonSubTypes.Type(value = Reply.LeaveGroupOk.class, name = "leave_group_ok"),
    @JsonSubTypes.Type(value = Reply.UserOk.class, name = "user_ok"),
    @JsonSubTypes.Type(value = Reply.ContactsOk.class, name = "contacts_ok"),
    @JsonSubTypes.Type(value = Reply.SettingsOk.class, name = "settings_ok"),
    @JsonSubTypes.Type(value = Reply.DevicesOk.class, name = "devices_ok"),
    @JsonSubTypes.Type(value = Reply.Ok.class, name = "ok"),
    @JsonSubTypes.Type(value = ServerFrame.Events.class, name = "events"),
    @JsonSubTypes.Type(value = ServerFrame.Presence.class, name = "presence"),
    @JsonSubTypes.Type(value = ServerFrame.TypingNotice.class, name = "typing"),
})
public sealed interface ServerFrame
        permits Reply, ServerFrame.Events, ServerFrame.Presence, ServerFrame.TypingNotice, ServerFrame.Unknown {

    /** A frame of a type this build does not know (a newer server); clients ignore it. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Unknown(String id) implements ServerFrame {
    }

    /** Events pushed to a subscribed WebSocket, in stream order, without gaps or repeats. */
    record Events(List<Event> events) implements ServerFrame {
        public Events {
            events = List.copyOf(events);
        }
    }

    /** Ephemeral: a contact's or co-member's presence changed. Not part of the event stream. */
    record Presence(String username, String status, long lastSeen) implements ServerFrame {
    }

    /** Ephemeral: someone is typing in a conversation; forget it after {@code expiresAt} (epoch ms). */
    record TypingNotice(long conversationId, String username, long expiresAt) implements ServerFrame {
    }
}
