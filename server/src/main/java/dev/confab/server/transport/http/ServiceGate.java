package dev.confab.server.transport.http;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Opens when {@code HttpHandler.service} has returned for a suspended request. A reply computed on another thread
 * waits for it before resuming the response, so a resume never overtakes the handler that suspended it (a rare
 * HTTP hang seen once in CI fitted that race). The handler's own thread never waits: it may resume at once.
 */
final class ServiceGate {
    static final String ATTRIBUTE = "confab.serviceGate";

    private final Thread serviceThread;
    private final CountDownLatch returned = new CountDownLatch(1);

    ServiceGate(Thread serviceThread) {
        this.serviceThread = serviceThread;
    }

    void open() {
        returned.countDown();
    }

    /** Waits (at most a second) until service() returned, unless called from the service thread itself. */
    void awaitReturned() {
        if (Thread.currentThread() == serviceThread) {
            return;
        }
        try {
            returned.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
