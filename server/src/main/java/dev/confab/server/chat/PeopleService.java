package dev.confab.server.chat;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Info;
import dev.confab.protocol.ProtocolException;
import dev.confab.server.store.AccountStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Contacts, profile, settings and the device list. Changes are events on the user's own devices. Thread safe. */
public final class PeopleService {
    private final Accounts accounts;
    private final AccountStore store;
    private final Directory directory;
    private final MessageWriter writer;
    private final Connections connections;
    private final Presence presence;

    public PeopleService(Accounts accounts, AccountStore store, Directory directory, MessageWriter writer,
                         Connections connections, Presence presence) {
        this.accounts = accounts;
        this.store = store;
        this.directory = directory;
        this.writer = writer;
        this.connections = connections;
        this.presence = presence;
    }

    public Info.User find(String username) {
        return directory.user(require(username).id());
    }

    public List<Info.User> contacts(Session s) {
        return store.contacts(s.userId()).stream().map(directory::user).toList();
    }

    public CompletableFuture<Info.User> addContact(Session s, String username) {
        AccountStore.User contact = require(username);
        if (contact.id() == s.userId()) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "you cannot add yourself as a contact");
        }
        return writer.submit(ctx -> {
            Info.User user = directory.user(contact.id());
            if (store.addContact(s.userId(), contact.id(), ctx.now())) {
                ctx.emit(List.of(s.userId()), seq -> new Event.ContactEvent(seq, "added", user));
            }
            return user;
        });
    }

    public CompletableFuture<Boolean> removeContact(Session s, String username) {
        AccountStore.User contact = require(username);
        return writer.submit(ctx -> {
            Info.User user = directory.user(contact.id());
            boolean removed = store.removeContact(s.userId(), contact.id());
            if (removed) {
                ctx.emit(List.of(s.userId()), seq -> new Event.ContactEvent(seq, "removed", user));
            }
            return removed;
        });
    }

    public CompletableFuture<Info.User> setProfile(Session s, String displayName) {
        return writer.submit(ctx -> {
            store.updateDisplayName(s.userId(), displayName.strip());
            accounts.forget(s.userId());
            Info.User user = directory.user(s.userId());
            List<Long> told = new ArrayList<>(directory.audience(s.userId()));
            told.add(s.userId());
            ctx.emit(told, seq -> new Event.ProfileEvent(seq, user));
            return user;
        });
    }

    public Map<String, String> settings(Session s) {
        return store.settings(s.userId());
    }

    public CompletableFuture<Map<String, String>> setSettings(Session s, Map<String, String> changes) {
        return writer.submit(ctx -> {
            Map<String, String> preview = new java.util.HashMap<>(store.settings(s.userId()));
            changes.forEach((k, v) -> {
                if (v == null) {
                    preview.remove(k);
                } else {
                    preview.put(k, v);
                }
            });
            if (preview.size() > dev.confab.protocol.Limits.MAX_SETTINGS) {
                throw new ProtocolException(ErrorCode.LIMIT_EXCEEDED,
                        "at most " + dev.confab.protocol.Limits.MAX_SETTINGS + " settings");
            }
            Map<String, String> merged = store.putSettings(s.userId(), changes);
            ctx.emit(List.of(s.userId()), seq -> new Event.SettingsEvent(seq, merged));
            return merged;
        });
    }

    public List<Info.Device> devices(Session s) {
        return store.devices(s.userId()).stream().filter(d -> !d.revoked()).map(d -> device(s, d)).toList();
    }

    /** Changes the password, signs out every other device of the account, and tells the remaining devices. */
    public CompletableFuture<Void> changePassword(Session s, dev.confab.protocol.Request.ChangePassword r,
                                                  Connection caller) {
        List<Long> revoked = accounts.changePassword(s, r.oldPassword(), r.newPassword(), caller.remoteAddress());
        List<AccountStore.DeviceRecord> all = store.devices(s.userId());
        return writer.submit(ctx -> {
            for (AccountStore.DeviceRecord d : all) {
                if (revoked.contains(d.id())) {
                    Info.Device info = new Info.Device(d.id(), d.name(), d.createdAt(), d.lastSeenAt(), false, false);
                    ctx.emit(List.of(s.userId()), seq -> new Event.DeviceEvent(seq, "revoked", info));
                }
            }
            return null;
        }).thenRun(() -> revoked.forEach(id -> connections.closeDevice(id, "password changed", caller)));
    }

    public CompletableFuture<Void> revoke(Session s, long deviceId, Connection caller) {
        AccountStore.DeviceRecord target = store.devices(s.userId()).stream()
                .filter(d -> d.id() == deviceId && !d.revoked()).findFirst()
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "no such device"));
        return writer.submit(ctx -> {
            store.revokeDevice(deviceId, ctx.now());
            accounts.forgetDevice(deviceId);
            Info.Device info = new Info.Device(target.id(), target.name(), target.createdAt(), target.lastSeenAt(),
                    deviceId == s.deviceId(), false);
            ctx.emit(List.of(s.userId()), seq -> new Event.DeviceEvent(seq, "revoked", info));
            return null;
        }).thenRun(() -> connections.closeDevice(deviceId, "device signed out", caller));
    }

    private Info.Device device(Session s, AccountStore.DeviceRecord d) {
        return new Info.Device(d.id(), d.name(), d.createdAt(), d.lastSeenAt(), d.id() == s.deviceId(),
                connections.deviceConnected(d.id()) || presence.deviceLive(s.userId(), d.id()));
    }

    private AccountStore.User require(String username) {
        return accounts.user(username).orElseThrow(() ->
                new ProtocolException(ErrorCode.NOT_FOUND, "no user named '" + username + "'"));
    }
}
