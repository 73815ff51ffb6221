package dev.confab.server.chat;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ProtocolException;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Serves the requests that need a signed-in device; runs on the connection's serial executor. */
final class SignedInHandlers {
    private final Services s;
    private final Executor replyExecutor;

    SignedInHandlers(Services services, Executor replyExecutor) {
        this.s = services;
        this.replyExecutor = replyExecutor;
    }

    CompletableFuture<Reply> handle(Request request, Session me, Connection connection) {
        if (request instanceof Request.Whoami w) {
            String displayName = s.accounts().user(me.userId()).map(u -> u.displayName()).orElse(me.username());
            return Dispatcher.done(new Reply.WhoamiOk(w.id(), me.userId(), me.username(), displayName,
                    me.deviceId(), me.deviceName()));
        }
        if (request instanceof Request.Send send) {
            // Built on the writer's completer thread: no further hop before the reply is written.
            return s.chat().send(me, send).thenApply(r -> new Reply.SendOk(send.id(),
                    r.message().conversationId(), r.message().seq(), r.message().clientMsgId(),
                    r.message().sentAt(), r.duplicate()));
        }
        if (request instanceof Request.History h) {
            ChatService.HistoryPage page = s.chat().history(me, h);
            return Dispatcher.done(new Reply.HistoryOk(h.id(), h.conversationId(), page.messages(), page.hasMore()));
        }
        if (request instanceof Request.Sync sync) {
            ChatService.EventsPage page = s.chat().events(me, sync.after(), sync.limit());
            return Dispatcher.done(new Reply.SyncOk(sync.id(), page.events(), page.latestSeq(), page.hasMore()));
        }
        if (request instanceof Request.Subscribe sub) {
            if (!connection.streaming()) {
                throw new ProtocolException(ErrorCode.INVALID_REQUEST,
                        "subscribe needs a WebSocket; over HTTP use GET /api/v1/events");
            }
            return Dispatcher.done(new Reply.SubscribeOk(sub.id(), s.chat().subscribe(me, sub.after(), connection)));
        }
        if (request instanceof Request.Mark m) {
            return async(s.receipts().mark(me, m).thenApply(x -> new Reply.MarkOk(m.id(), m.conversationId(),
                    x.delivered(), x.read())));
        }
        if (request instanceof Request.Receipts r) {
            return Dispatcher.done(new Reply.ReceiptsOk(r.id(), r.conversationId(),
                    s.receipts().receipts(me, r.conversationId())));
        }
        if (request instanceof Request.Conversations c) {
            return Dispatcher.done(new Reply.ConversationsOk(c.id(), s.receipts().conversations(me, s.memberships())));
        }
        return handleGroupsAndPeople(request, me, connection);
    }

    private CompletableFuture<Reply> handleGroupsAndPeople(Request request, Session me, Connection connection) {
        if (request instanceof Request.CreateGroup r) {
            return async(s.groups().create(me, r).thenApply(c -> new Reply.GroupOk(r.id(), c)));
        }
        if (request instanceof Request.RenameGroup r) {
            return async(s.groups().rename(me, r).thenApply(c -> new Reply.GroupOk(r.id(), c)));
        }
        if (request instanceof Request.AddMembers r) {
            return async(s.groups().addMembers(me, r).thenApply(c -> new Reply.GroupOk(r.id(), c)));
        }
        if (request instanceof Request.RemoveMember r) {
            return async(s.groups().removeMember(me, r).thenApply(c -> new Reply.GroupOk(r.id(), c)));
        }
        if (request instanceof Request.LeaveGroup r) {
            return async(s.groups().leave(me, r).thenApply(id -> new Reply.LeaveGroupOk(r.id(), id)));
        }
        if (request instanceof Request.FindUser r) {
            return Dispatcher.done(new Reply.UserOk(r.id(), s.people().find(r.username())));
        }
        if (request instanceof Request.Contacts r) {
            return Dispatcher.done(new Reply.ContactsOk(r.id(), s.people().contacts(me)));
        }
        if (request instanceof Request.AddContact r) {
            return async(s.people().addContact(me, r.username()).thenApply(u -> new Reply.UserOk(r.id(), u)));
        }
        if (request instanceof Request.RemoveContact r) {
            return async(s.people().removeContact(me, r.username()).thenApply(x -> new Reply.Ok(r.id())));
        }
        if (request instanceof Request.SetProfile r) {
            return async(s.people().setProfile(me, r.displayName()).thenApply(u -> new Reply.UserOk(r.id(), u)));
        }
        if (request instanceof Request.GetSettings r) {
            return Dispatcher.done(new Reply.SettingsOk(r.id(), s.people().settings(me)));
        }
        if (request instanceof Request.SetSettings r) {
            return async(s.people().setSettings(me, r.settings()).thenApply(m -> new Reply.SettingsOk(r.id(), m)));
        }
        if (request instanceof Request.Typing r) {
            s.typing().typing(me, r.conversationId());
            return Dispatcher.done(new Reply.Ok(r.id()));
        }
        if (request instanceof Request.SetPresence r) {
            if (!connection.streaming()) {
                s.presence().polled(me);
            }
            s.presence().away(me, "away".equals(r.status()));
            return Dispatcher.done(new Reply.Ok(r.id()));
        }
        if (request instanceof Request.Devices r) {
            return Dispatcher.done(new Reply.DevicesOk(r.id(), s.people().devices(me)));
        }
        if (request instanceof Request.RevokeDevice r) {
            if (r.deviceId() == me.deviceId()) {
                throw new ProtocolException(ErrorCode.INVALID_REQUEST, "use logout to sign this device out");
            }
            return async(s.people().revoke(me, r.deviceId(), connection).thenApply(v -> new Reply.Ok(r.id())));
        }
        if (request instanceof Request.ChangePassword r) {
            return async(s.people().changePassword(me, r, connection).thenApply(v -> new Reply.Ok(r.id())));
        }
        if (request instanceof Request.Logout logout) {
            s.accounts().logout(me);
            s.connections().closeDevice(me.deviceId(), "logged out", connection);
            return Dispatcher.done(new Reply.LogoutOk(logout.id()));
        }
        throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unsupported request");
    }

    /** Moves completion off the writer thread. */
    private CompletableFuture<Reply> async(CompletableFuture<? extends Reply> future) {
        return future.thenApplyAsync(r -> (Reply) r, replyExecutor);
    }
}
