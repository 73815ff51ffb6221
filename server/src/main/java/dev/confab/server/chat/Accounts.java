package dev.confab.server.chat;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ProtocolException;
import dev.confab.protocol.Request;
import dev.confab.server.security.Tokens;
import dev.confab.server.store.AccountStore;
import dev.confab.server.store.AccountStore.User;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Registration, login, token authentication and logout. Thread safe; blocking (call off network threads). */
public final class Accounts {
    private final AccountStore store;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final ConcurrentMap<String, User> usersByName = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, User> usersById = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_SESSIONS = 100_000;
    private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
    private volatile String dummyHash;

    private final LoginThrottle throttle;

    public Accounts(AccountStore store, PasswordHasher hasher, Clock clock, LoginThrottle throttle) {
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
        this.throttle = throttle;
    }

    public User register(Request.Register request) {
        String displayName = request.displayName() != null ? request.displayName().strip() : request.username();
        try {
            User user = store.createUser(request.username(), hasher.hash(request.password()), displayName, clock.millis());
            remember(user);
            return user;
        } catch (AccountStore.UsernameTakenException e) {
            throw new ProtocolException(ErrorCode.USERNAME_TAKEN, "username '" + request.username() + "' is taken");
        }
    }

    /** A new device session and its token (returned only here). */
    public LoginResult login(Request.Login request, String remoteAddress) {
        String name = request.username().toLowerCase(Locale.ROOT);
        throttle.check(name, remoteAddress);
        Optional<User> user = user(name);
        // Verify against a dummy hash for unknown users, so timing does not reveal which usernames exist.
        String hash = user.map(User::passwordHash).orElseGet(this::dummyHash);
        boolean ok = hasher.verify(request.password(), hash);
        if (user.isEmpty() || !ok) {
            throttle.failed(name, remoteAddress);
            throw new ProtocolException(ErrorCode.INVALID_CREDENTIALS, "wrong username or password");
        }
        throttle.succeeded(name);
        String token = Tokens.newToken();
        AccountStore.Device device = store.createDevice(user.get().id(), request.deviceName().strip(),
                Tokens.hash(token), clock.millis());
        return new LoginResult(new Session(user.get().id(), user.get().username(), device.id(), device.name()), token);
    }

    /** The device session of a token; cached in memory, dropped from the cache when the device is revoked. */
    public Optional<Session> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return Optional.empty();
        }
        String hash = Tokens.hash(token);
        Session cached = sessions.get(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Session> found = store.findActiveDevice(hash).flatMap(device -> user(device.userId())
                .map(u -> new Session(u.id(), u.username(), device.id(), device.name())));
        found.ifPresent(s -> {
            if (sessions.size() > MAX_CACHED_SESSIONS) {
                sessions.clear();
            }
            sessions.put(hash, s);
        });
        return found;
    }

    /** Forgets cached sessions of a device that was just revoked, so its token stops working at once. */
    public void forgetDevice(long deviceId) {
        sessions.values().removeIf(s -> s.deviceId() == deviceId);
    }

    /** Changes the password and revokes the account's other devices; returns their ids. */
    public java.util.List<Long> changePassword(Session session, String oldPassword, String newPassword,
                                               String remoteAddress) {
        throttle.check(session.username(), remoteAddress);
        User user = user(session.userId()).orElseThrow();
        if (!hasher.verify(oldPassword, user.passwordHash())) {
            throttle.failed(session.username(), remoteAddress);
            throw new ProtocolException(ErrorCode.INVALID_CREDENTIALS, "the current password is wrong");
        }
        throttle.succeeded(session.username());
        store.updatePassword(user.id(), hasher.hash(newPassword));
        forget(user.id());
        java.util.List<Long> revoked = store.revokeOtherDevices(user.id(), session.deviceId(), clock.millis());
        revoked.forEach(this::forgetDevice);
        return revoked;
    }

    public void logout(Session session) {
        store.revokeDevice(session.deviceId(), clock.millis());
        forgetDevice(session.deviceId());
    }

    /** Looks a user up by name, ignoring case (usernames are stored lower-case). */
    public Optional<User> user(String username) {
        username = username.toLowerCase(Locale.ROOT);
        User cached = usersByName.get(username);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<User> found = store.findUser(username);
        found.ifPresent(this::remember);
        return found;
    }

    /** The user if already cached; never touches the store. */
    Optional<User> cachedUser(String username) {
        return Optional.ofNullable(usersByName.get(username.toLowerCase(Locale.ROOT)));
    }

    Optional<User> cachedUser(long userId) {
        return Optional.ofNullable(usersById.get(userId));
    }

    public Optional<User> user(long userId) {
        User cached = usersById.get(userId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<User> found = store.findUser(userId);
        found.ifPresent(this::remember);
        return found;
    }

    /** Re-reads a user after a profile change. */
    public void forget(long userId) {
        User old = usersById.remove(userId);
        if (old != null) {
            usersByName.remove(old.username());
        }
    }

    private void remember(User user) {
        usersByName.put(user.username(), user);
        usersById.put(user.id(), user);
    }

    private String dummyHash() {
        String h = dummyHash;
        if (h == null) {
            h = hasher.hash("confab-dummy-password");
            dummyHash = h;
        }
        return h;
    }

    public record LoginResult(Session session, String token) {
    }
}
