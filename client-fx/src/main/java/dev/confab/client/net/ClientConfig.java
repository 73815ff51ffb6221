package dev.confab.client.net;

import java.net.URI;
import java.time.Duration;

/**
 * How a client reaches its server and how patient it is. {@code server} is the HTTP base address
 * ({@code http://host:port}); the WebSocket address is derived from it.
 *
 * @param pingInterval a WebSocket link sends {@code ping} this often
 * @param pongTimeout a WebSocket that received no frame for {@code pingInterval + pongTimeout} is dead
 * @param longPollWait how long the server may hold one long-poll (whole seconds, 1-30)
 * @param webSocketProbeInterval while on long-poll, how often to try upgrading back to WebSocket
 * @param fallbackAfterFailures consecutive WebSocket failures (with HTTP healthy) before long-poll
 * @param wakeCheckInterval how often to compare wall-clock and monotonic time to detect a wake-up
 * @param wakeJumpThreshold wall-clock time passing this much faster than monotonic time means we slept
 * @param maxInFlight outbox messages sent ahead of their acknowledgement on a WebSocket
 */
public record ClientConfig(URI server, String deviceName, Duration pingInterval, Duration pongTimeout,
                           Duration backoffInitial, Duration backoffMax, Duration connectTimeout,
                           Duration longPollWait, Duration webSocketProbeInterval, int fallbackAfterFailures,
                           Duration wakeCheckInterval, Duration wakeJumpThreshold, int maxInFlight) {

    public ClientConfig {
        if (longPollWait.toSeconds() < 1 || longPollWait.toSeconds() > 30) {
            throw new IllegalArgumentException("longPollWait must be 1-30 s");
        }
        if (fallbackAfterFailures < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("fallbackAfterFailures and maxInFlight must be positive");
        }
    }

    public static ClientConfig defaults(URI server) {
        return new ClientConfig(server, "Confab desktop", Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(25),
                Duration.ofSeconds(30), 2, Duration.ofSeconds(5), Duration.ofSeconds(10), 64);
    }

    /** ws://host:port/ws (or wss:// for an https server). */
    public URI webSocketUri() {
        String scheme = "https".equalsIgnoreCase(server.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + server.getRawAuthority() + "/ws");
    }

    public URI resolve(String pathAndQuery) {
        return URI.create(server.getScheme() + "://" + server.getRawAuthority() + pathAndQuery);
    }

    public ClientConfig withDeviceName(String value) {
        return new ClientConfig(server, value, pingInterval, pongTimeout, backoffInitial, backoffMax,
                connectTimeout, longPollWait, webSocketProbeInterval, fallbackAfterFailures, wakeCheckInterval,
                wakeJumpThreshold, maxInFlight);
    }

    public ClientConfig withHeartbeat(Duration ping, Duration pong) {
        return new ClientConfig(server, deviceName, ping, pong, backoffInitial, backoffMax, connectTimeout,
                longPollWait, webSocketProbeInterval, fallbackAfterFailures, wakeCheckInterval, wakeJumpThreshold,
                maxInFlight);
    }

    public ClientConfig withBackoff(Duration initial, Duration max) {
        return new ClientConfig(server, deviceName, pingInterval, pongTimeout, initial, max, connectTimeout,
                longPollWait, webSocketProbeInterval, fallbackAfterFailures, wakeCheckInterval, wakeJumpThreshold,
                maxInFlight);
    }

    public ClientConfig withConnectTimeout(Duration value) {
        return new ClientConfig(server, deviceName, pingInterval, pongTimeout, backoffInitial, backoffMax, value,
                longPollWait, webSocketProbeInterval, fallbackAfterFailures, wakeCheckInterval, wakeJumpThreshold,
                maxInFlight);
    }

    public ClientConfig withFallback(Duration longPollWait, Duration probeInterval, int afterFailures) {
        return new ClientConfig(server, deviceName, pingInterval, pongTimeout, backoffInitial, backoffMax,
                connectTimeout, longPollWait, probeInterval, afterFailures, wakeCheckInterval, wakeJumpThreshold,
                maxInFlight);
    }

    public ClientConfig withWakeCheck(Duration interval, Duration threshold) {
        return new ClientConfig(server, deviceName, pingInterval, pongTimeout, backoffInitial, backoffMax,
                connectTimeout, longPollWait, webSocketProbeInterval, fallbackAfterFailures, interval, threshold,
                maxInFlight);
    }

    public ClientConfig withMaxInFlight(int value) {
        return new ClientConfig(server, deviceName, pingInterval, pongTimeout, backoffInitial, backoffMax,
                connectTimeout, longPollWait, webSocketProbeInterval, fallbackAfterFailures, wakeCheckInterval,
                wakeJumpThreshold, value);
    }
}
