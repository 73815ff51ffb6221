package dev.confab.client.support;

import dev.confab.client.net.ChatClient;
import dev.confab.client.net.ClientRuntime;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A headless client in its own JVM, so a test can {@code kill -9} it mid-send: opens the store (which holds a
 * session), queues {@code count} messages to {@code to}, printing "queued ID" after each {@code send} returned,
 * then waits (at most 60 s) to be killed.
 */
public final class OutboxChild {
    private OutboxChild() {
    }

    public static void main(String[] args) throws Exception {
        URI server = URI.create(args[0]);
        Path store = Path.of(args[1]);
        String to = args[2];
        int count = Integer.parseInt(args[3]);
        ClientRuntime runtime = ClientRuntime.system(Runnable::run);
        ChatClient client = ChatClient.open(Device.fast(server).withDeviceName("child"), store, runtime);
        for (int i = 0; i < count; i++) {
            String id = client.send(to, "from child " + i);
            System.out.println("queued " + id);
            System.out.flush();
        }
        System.out.println("all queued");
        System.out.flush();
        new CountDownLatch(1).await(60, TimeUnit.SECONDS);
    }
}
