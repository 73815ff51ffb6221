package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** A server-to-client frame: a {@link Reply} to one request, or a pushed batch of {@link Events}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
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
    @JsonSubTypes.Type(value = ServerFrame.Events.class, name = "events"),
})
public sealed interface ServerFrame permits Reply, ServerFrame.Events {

    /** Events pushed to a subscribed WebSocket, in stream order, without gaps or repeats. */
    record Events(List<Event> events) implements ServerFrame {
        public Events {
            events = List.copyOf(events);
        }
    }
}
