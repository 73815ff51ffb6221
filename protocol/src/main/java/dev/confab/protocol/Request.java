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
}
