package dev.confab.client.net;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Time and threads a client runs on, injected so tests control them.
 * <ul>
 *   <li>{@code scheduler}: engine work and timers; the engine serialises its own tasks, so it may be shared
 *       by many clients and have several threads.</li>
 *   <li>{@code callbacks}: the only executor that runs application listeners (the UI passes
 *       {@code Platform::runLater}); the client keeps their order even on a multi-threaded executor.</li>
 *   <li>{@code io}: blocking network calls (WebSocket connects); never runs application code.</li>
 * </ul>
 * Thread safe. {@link #close()} shuts down only the executors that {@link #system} created.
 */
public final class ClientRuntime implements AutoCloseable {
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService scheduler;
    private final Executor callbacks;
    private final ExecutorService io;
    private final Random random;
    private final boolean owned;

    public ClientRuntime(Clock clock, LongSupplier nanoTime, ScheduledExecutorService scheduler, Executor callbacks,
                         ExecutorService io, Random random) {
        this(clock, nanoTime, scheduler, callbacks, io, random, false);
    }

    private ClientRuntime(Clock clock, LongSupplier nanoTime, ScheduledExecutorService scheduler, Executor callbacks,
                          ExecutorService io, Random random, boolean owned) {
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.scheduler = scheduler;
        this.callbacks = callbacks;
        this.io = io;
        this.random = random;
        this.owned = owned;
    }

    /** The real clock, one engine thread and a small I/O pool (daemon threads), listeners on {@code callbacks}. */
    public static ClientRuntime system(Executor callbacks) {
        return new ClientRuntime(Clock.systemUTC(), System::nanoTime,
                Executors.newSingleThreadScheduledExecutor(daemon("confab-engine")), callbacks,
                Executors.newCachedThreadPool(daemon("confab-io")), new SecureRandom(), true);
    }

    public Clock clock() {
        return clock;
    }

    /** Monotonic time in nanoseconds; unlike {@link #clock()} it does not jump (nor advance while asleep). */
    public LongSupplier nanoTime() {
        return nanoTime;
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public Executor callbacks() {
        return callbacks;
    }

    public ExecutorService io() {
        return io;
    }

    public Random random() {
        return random;
    }

    @Override
    public void close() {
        if (owned) {
            scheduler.shutdownNow();
            io.shutdownNow();
        }
    }

    static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
