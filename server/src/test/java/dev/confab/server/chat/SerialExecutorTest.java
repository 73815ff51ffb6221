package dev.confab.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SerialExecutorTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final SerialExecutor serial = new SerialExecutor(pool);
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void anIdleExecutorRunsTheTaskOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        boolean inline = serial.tryRunInline(() -> ran.add(Thread.currentThread() == caller ? "inline" : "elsewhere"));

        assertThat(inline).isTrue();
        assertThat(ran).containsExactly("inline");
    }

    @Test
    void aBusyExecutorRefusesSoOrderIsKept() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        serial.execute(() -> {
            await(release);
            ran.add("queued first");
        });

        boolean inline = serial.tryRunInline(() -> ran.add("inline"));
        serial.execute(() -> ran.add("queued second"));
        release.countDown();

        assertThat(inline).isFalse();
        org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> ran.size() == 2);
        assertThat(ran).containsExactly("queued first", "queued second");
    }

    @Test
    void tasksQueuedDuringAnInlineRunRunAfterIt() {
        serial.tryRunInline(() -> {
            serial.execute(() -> ran.add("queued meanwhile"));
            ran.add("inline");
        });

        org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> ran.size() == 2);
        assertThat(ran).containsExactly("inline", "queued meanwhile");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
