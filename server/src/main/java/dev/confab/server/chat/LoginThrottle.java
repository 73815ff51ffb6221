package dev.confab.server.chat;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ProtocolException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Slows password guessing: at most {@code perAccount} failed sign-ins per account and {@code perAddress} per
 * remote address within a sliding window. Over the limit, sign-ins are refused with {@code rate_limited} until the
 * window has moved on; nobody is locked out for good, and a success clears the account's failures. Thread safe.
 */
public final class LoginThrottle {
    private final Clock clock;
    private final Duration window;
    private final int perAccount;
    private final int perAddress;
    private final Map<String, Deque<Long>> failures = new HashMap<>();

    public LoginThrottle(Clock clock, Duration window, int perAccount, int perAddress) {
        this.clock = clock;
        this.window = window;
        this.perAccount = perAccount;
        this.perAddress = perAddress;
    }

    /** Throws {@code rate_limited} if this account or address has failed too often recently. */
    public synchronized void check(String username, String address) {
        long now = clock.millis();
        long waitAccount = waitMillis("u:" + username, perAccount, now);
        long waitAddress = address == null ? 0 : waitMillis("a:" + address, perAddress, now);
        long wait = Math.max(waitAccount, waitAddress);
        if (wait > 0) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED,
                    "too many failed sign-ins; try again in " + Math.max(1, (wait + 999) / 1000) + " s");
        }
    }

    public synchronized void failed(String username, String address) {
        long now = clock.millis();
        failures.computeIfAbsent("u:" + username, k -> new ArrayDeque<>()).addLast(now);
        if (address != null) {
            failures.computeIfAbsent("a:" + address, k -> new ArrayDeque<>()).addLast(now);
        }
        if (failures.size() > 100_000) {
            failures.values().removeIf(d -> d.isEmpty() || d.peekLast() < now - window.toMillis());
        }
    }

    public synchronized void succeeded(String username) {
        failures.remove("u:" + username);
    }

    private long waitMillis(String key, int limit, long now) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        while (!times.isEmpty() && times.peekFirst() <= now - window.toMillis()) {
            times.pollFirst();
        }
        if (times.isEmpty()) {
            failures.remove(key);
            return 0;
        }
        return times.size() >= limit ? times.peekFirst() + window.toMillis() - now : 0;
    }
}
