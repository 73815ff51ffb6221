package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A client-to-server frame. Every request carries a client-chosen {@code id} that the reply echoes.
 * The compact constructors validate every field, so a decoded request is always within {@link Limits}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Request.Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = Request.Register.class, name = "register"),
    @JsonSubTypes.Type(value = Request.Login.class, name = "login"),
    @JsonSubTypes.Type(value = Request.Auth.class, name = "auth"),
    @JsonSubTypes.Type(value = Request.Logout.class, name = "logout"),
    @JsonSubTypes.Type(value = Request.Whoami.class, name = "whoami"),
    @JsonSubTypes.Type(value = Request.Send.class, name = "send"),
    @JsonSubTypes.Type(value = Request.History.class, name = "history"),
    @JsonSubTypes.Type(value = Request.Sync.class, name = "sync"),
    @JsonSubTypes.Type(value = Request.Subscribe.class, name = "subscribe"),
    @JsonSubTypes.Type(value = Request.Ping.class, name = "ping"),
    @JsonSubTypes.Type(value = Request.Mark.class, name = "mark"),
    @JsonSubTypes.Type(value = Request.Receipts.class, name = "receipts"),
    @JsonSubTypes.Type(value = Request.Conversations.class, name = "conversations"),
    @JsonSubTypes.Type(value = Request.CreateGroup.class, name = "create_group"),
    @JsonSubTypes.Type(value = Request.RenameGroup.class, name = "rename_group"),
    @JsonSubTypes.Type(value = Request.AddMembers.class, name = "add_members"),
    @JsonSubTypes.Type(value = Request.RemoveMember.class, name = "remove_member"),
    @JsonSubTypes.Type(value = Request.LeaveGroup.class, name = "leave_group"),
    @JsonSubTypes.Type(value = Request.FindUser.class, name = "find_user"),
    @JsonSubTypes.Type(value = Request.Contacts.class, name = "contacts"),
    @JsonSubTypes.Type(value = Request.AddContact.class, name = "add_contact"),
    @JsonSubTypes.Type(value = Request.RemoveContact.class, name = "remove_contact"),
    @JsonSubTypes.Type(value = Request.SetProfile.class, name = "set_profile"),
    @JsonSubTypes.Type(value = Request.GetSettings.class, name = "get_settings"),
    @JsonSubTypes.Type(value = Request.SetSettings.class, name = "set_settings"),
    @JsonSubTypes.Type(value = Request.Typing.class, name = "typing"),
    @JsonSubTypes.Type(value = Request.SetPresence.class, name = "set_presence"),
    @JsonSubTypes.Type(value = Request.Devices.class, name = "devices"),
    @JsonSubTypes.Type(value = Request.RevokeDevice.class, name = "revoke_device"),
    @JsonSubTypes.Type(value = Request.ChangePassword.class, name = "change_password"),
})
public sealed interface Request {
    String id();

    /** First frame on a WebSocket: states the protocol version the client speaks. */
    record Hello(String id, int protocol, String client) implements Request {
        public Hello {
            Limits.requestId(id);
            Limits.text("client", client, Limits.MAX_DEVICE_NAME_CHARS, false);
        }
    }

    record Register(String id, String username, String password, String displayName) implements Request {
        public Register {
            Limits.requestId(id);
            Limits.username("username", username);
            Limits.password(password);
            Limits.text("displayName", displayName, Limits.MAX_DISPLAY_NAME_CHARS, false);
        }
    }

    /** Creates a new device session; on a WebSocket it also authenticates that connection. */
    record Login(String id, String username, String password, String deviceName) implements Request {
        public Login {
            Limits.requestId(id);
            Limits.text("username", username, 32, true);
            Limits.text("password", password, Limits.MAX_PASSWORD_CHARS, true);
            Limits.text("deviceName", deviceName, Limits.MAX_DEVICE_NAME_CHARS, true);
        }
    }

    /** Authenticates a WebSocket connection with a device token from {@code login}. */
    record Auth(String id, String token) implements Request {
        public Auth {
            Limits.requestId(id);
            Limits.text("token", token, 128, true);
        }
    }

    /** Revokes the calling device's token and closes its other connections. */
    record Logout(String id) implements Request {
        public Logout {
            Limits.requestId(id);
        }
    }

    record Whoami(String id) implements Request {
        public Whoami {
            Limits.requestId(id);
        }
    }

    /**
     * Sends a message, either to a user ({@code to}, opening the 1:1 conversation if needed) or into an
     * existing conversation ({@code conversationId}); exactly one of them. Resending the same
     * {@code clientMsgId} never creates a second message.
     */
    record Send(String id, String to, Long conversationId, String clientMsgId, String body) implements Request {
        public Send {
            Limits.requestId(id);
            if ((to == null) == (conversationId == null)) {
                throw Limits.invalid("exactly one of to and conversationId is required");
            }
            if (to != null) {
                Limits.text("to", to, 32, true);
            }
            if (conversationId != null && conversationId <= 0) {
                throw Limits.invalid("conversationId must be positive");
            }
            Limits.clientMsgId(clientMsgId);
            Limits.body(body);
        }
    }

    /** A page of a conversation's messages with {@code seq < before} (or the newest), newest last. */
    record History(String id, long conversationId, Long before, Integer limit) implements Request {
        public History {
            Limits.requestId(id);
            if (conversationId <= 0) {
                throw Limits.invalid("conversationId must be positive");
            }
            if (before != null && before < 1) {
                throw Limits.invalid("before must be at least 1");
            }
            limit = Limits.pageSize("limit", limit, Limits.DEFAULT_HISTORY_PAGE, Limits.MAX_HISTORY_PAGE);
        }
    }

    /** Fetches the caller's events with {@code seq > after}, oldest first, without waiting. */
    record Sync(String id, long after, Integer limit) implements Request {
        public Sync {
            Limits.requestId(id);
            Limits.nonNegative("after", after);
            limit = Limits.pageSize("limit", limit, Limits.DEFAULT_EVENTS_PAGE, Limits.MAX_EVENTS_PAGE);
        }
    }

    /** WebSocket only: streams every event with {@code seq > after}, then live events, as {@code events} frames. */
    record Subscribe(String id, long after) implements Request {
        public Subscribe {
            Limits.requestId(id);
            Limits.nonNegative("after", after);
        }
    }

    /** Application-level heartbeat; answered with {@code pong}. */
    record Ping(String id) implements Request {
        public Ping {
            Limits.requestId(id);
        }
    }

    /**
     * Moves the caller's delivery and/or read marker in a conversation forward (markers never move back).
     * {@code read} implies {@code delivered}.
     */
    record Mark(String id, long conversationId, Long delivered, Long read) implements Request {
        public Mark {
            Limits.requestId(id);
            Limits.positive("conversationId", conversationId);
            if (delivered == null && read == null) {
                throw Limits.invalid("at least one of delivered and read is required");
            }
            if ((delivered != null && delivered < 0) || (read != null && read < 0)) {
                throw Limits.invalid("markers must not be negative");
            }
        }
    }

    /** Every member's delivery and read markers in a conversation. */
    record Receipts(String id, long conversationId) implements Request {
        public Receipts {
            Limits.requestId(id);
            Limits.positive("conversationId", conversationId);
        }
    }

    /** The caller's conversations, newest activity first, with unread counts. */
    record Conversations(String id) implements Request {
        public Conversations {
            Limits.requestId(id);
        }
    }

    /**
     * Creates a group with the caller as admin.
     *
     * @param shareHistory whether members added later can read earlier messages (default true)
     */
    record CreateGroup(String id, String name, java.util.List<String> members, Boolean shareHistory)
            implements Request {
        public CreateGroup {
            Limits.requestId(id);
            Limits.text("name", name, Limits.MAX_GROUP_NAME_CHARS, true);
            members = Limits.usernames("members", members == null ? java.util.List.of() : members);
        }
    }

    record RenameGroup(String id, long conversationId, String name) implements Request {
        public RenameGroup {
            Limits.requestId(id);
            Limits.positive("conversationId", conversationId);
            Limits.text("name", name, Limits.MAX_GROUP_NAME_CHARS, true);
        }
    }

    /** Admins only. */
    record AddMembers(String id, long conversationId, java.util.List<String> usernames) implements Request {
        public AddMembers {
            Limits.requestId(id);
            Limits.positive("conversationId", conversationId);
            usernames = Limits.usernames("usernames", usernames);
            if (usernames.isEmpty()) {
                throw Limits.invalid("usernames must not be empty");
            }
        }
    }

    /** Admins only. */
    record RemoveMember(String id, long conversationId, String username) implements Request {
        public RemoveMember {
            Limits.requestId(id);
            Limits.positive("conversationId", conversationId);
            Limits.text("username", username, 32, true);
        }
    }

    record LeaveGroup(String id, long conversationId) implements Request {
        public LeaveGroup {
            Limits.requestId(id);
            Limits.positive("conversationId", conversationId);
        }
    }

    record FindUser(String id, String username) implements Request {
        public FindUser {
            Limits.requestId(id);
            Limits.text("username", username, 32, true);
        }
    }

    record Contacts(String id) implements Request {
        public Contacts {
            Limits.requestId(id);
        }
    }

    record AddContact(String id, String username) implements Request {
        public AddContact {
            Limits.requestId(id);
            Limits.text("username", username, 32, true);
        }
    }

    record RemoveContact(String id, String username) implements Request {
        public RemoveContact {
            Limits.requestId(id);
            Limits.text("username", username, 32, true);
        }
    }

    record SetProfile(String id, String displayName) implements Request {
        public SetProfile {
            Limits.requestId(id);
            Limits.text("displayName", displayName, Limits.MAX_DISPLAY_NAME_CHARS, true);
        }
    }

    record GetSettings(String id) implements Request {
        public GetSettings {
            Limits.requestId(id);
        }
    }

    /** Merges the given settings into the caller's; a null value removes that key. */
    record SetSettings(String id,
                       @com.fasterxml.jackson.annotation.JsonInclude(
                               content = com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
                       java.util.Map<String, String> settings) implements Request {
        public SetSettings {
            Limits.requestId(id);
            settings = Limits.settings(settings);
        }
    }

    /** "I am typing in this conversation"; repeat every few seconds while typing. Ephemeral. */
    record Typing(String id, long conversationId) implements Request {
        public Typing {
            Limits.requestId(id);
            Limits.positive("conversationId", conversationId);
        }
    }

    /** Sets this device's presence: {@code online} or {@code away} (idle). */
    record SetPresence(String id, String status) implements Request {
        public SetPresence {
            Limits.requestId(id);
            if (!"online".equals(status) && !"away".equals(status)) {
                throw Limits.invalid("status must be online or away");
            }
        }
    }

    record Devices(String id) implements Request {
        public Devices {
            Limits.requestId(id);
        }
    }

    /** Signs another of the caller's devices out: its connections close and its token stops working. */
    record RevokeDevice(String id, long deviceId) implements Request {
        public RevokeDevice {
            Limits.requestId(id);
            Limits.positive("deviceId", deviceId);
        }
    }

    /** Changes the caller's password; every other device of the account is signed out. */
    record ChangePassword(String id, String oldPassword, String newPassword) implements Request {
        public ChangePassword {
            Limits.requestId(id);
            Limits.text("oldPassword", oldPassword, Limits.MAX_PASSWORD_CHARS, true);
            Limits.password(newPassword);
        }
    }
}
