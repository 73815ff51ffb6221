package dev.confab.client.support;

import static org.awaitility.Awaitility.await;

import dev.confab.client.net.TransportKind;
import dev.confab.protocol.Info;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signed-in devices of fresh users on one shared server, so tests of one class can share it: every
 * {@code People} gives its users unique names. Closes its devices. Not thread safe (one per test).
 */
public final class People implements AutoCloseable {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final int serverPort;
    private final Path storeRoot;
    private final String suffix = "-" + RUNS.incrementAndGet();
    private final List<Device> devices = new ArrayList<>();

    public People(int serverPort, Path storeRoot) {
        this.serverPort = serverPort;
        this.storeRoot = storeRoot;
    }

    /** A new user (named {@code name} plus a unique suffix), registered and signed in on a first device. */
    public Device signUp(String name) throws Exception {
        Device d = device(name + suffix, name + suffix + "-1");
        d.register();
        d.login();
        return d;
    }

    /** Another signed-in device of {@code user}. */
    public Device anotherDevice(Device of, String deviceName) throws Exception {
        Device d = device(of.user(), of.user() + "-" + deviceName);
        d.login();
        return d;
    }

    private Device device(String user, String deviceName) throws IOException {
        Device d = Device.create(user, deviceName, storeRoot.resolve(deviceName), serverPort, c -> c).open();
        devices.add(d);
        return d;
    }

    public static void awaitOnline(Device... devices) {
        await().atMost(Duration.ofSeconds(10)).until(() -> List.of(devices).stream()
                .allMatch(d -> d.isOnline(TransportKind.WEBSOCKET)));
    }

    /** The device's cached view of one conversation. */
    public static Optional<Info.Conversation> cached(Device d, long conversationId) {
        return d.client().cachedConversations().stream().filter(c -> c.conversationId() == conversationId)
                .findFirst();
    }

    public static long unread(Device d, long conversationId) {
        return cached(d, conversationId).map(Info.Conversation::unread).orElse(-1L);
    }

    @Override
    public void close() throws IOException {
        for (Device d : devices) {
            d.close();
        }
    }
}
