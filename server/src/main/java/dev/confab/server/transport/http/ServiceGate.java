package dev.confab.server.transport.http;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Opens when {@code HttpHandler.service} has returned for a suspended request. A reply computed on another thread
 * waits for it before resuming the response, so a resume never overtakes the handler that suspended it. Grizzly
 * 4.0.2 copes with such an early resume itself ({@code HttpHandler.runService}); this is a cheap guard kept in case
 * another version does not. (It was first added for the rare hung POST, whose real cause was a re-registered body
 * read handler: see {@code ApiHandler.rpc}.) The handler's own thread never waits: it may resume at once.
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
