package dev.confab.client.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.Event;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.ServerFrame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A transport whose opens the test answers by hand; records every open. Thread safe. */
final class FakeTransport implements Transport {
    private final TransportKind kind;
    private final BlockingQueue<Open> opens = new LinkedBlockingQueue<>();

    FakeTransport(TransportKind kind) {
        this.kind = kind;
    }

    @Override
    public TransportKind kind() {
        return kind;
    }

    @Override
    public CompletableFuture<Link> open(String token, long after, Link.Listener listener) {
        Open open = new Open(kind, token, after, listener, new CompletableFuture<>());
        opens.add(open);
        return open.future;
    }

    /** The next open the engine started, waiting up to 5 s. */
    Open nextOpen() throws InterruptedException {
        Open open = opens.poll(5, TimeUnit.SECONDS);
        assertThat(open).as("an open of " + kind + " within 5 s").isNotNull();
        return open;
    }

    /** Asserts that the engine starts no open within {@code quiet}. */
    void assertNoOpenWithin(Duration quiet) throws InterruptedException {
        assertThat(opens.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)).as("no open of " + kind).isNull();
    }

    record Open(TransportKind kind, String token, long after, Link.Listener listener, CompletableFuture<Link> future) {
        FakeLink succeed() {
            FakeLink link = new FakeLink(kind, listener);
            future.complete(link);
            return link;
        }

        void fail(LinkFailure.Reason reason) {
            future.completeExceptionally(new LinkFailure(reason, "test says " + reason));
        }
    }

    /** A link whose requests and events the test drives. */
    static final class FakeLink implements Link {
        private final TransportKind kind;
        private final Link.Listener listener;
        private final BlockingQueue<Sent> requests = new LinkedBlockingQueue<>();
        volatile boolean closed;
        volatile int checks;

        FakeLink(TransportKind kind, Link.Listener listener) {
            this.kind = kind;
            this.listener = listener;
        }

        @Override
        public TransportKind kind() {
            return kind;
        }

        @Override
        public CompletableFuture<Reply> request(Request request) {
            Sent sent = new Sent(request, new CompletableFuture<>());
            requests.add(sent);
            return sent.reply;
        }

        @Override
        public int maxInFlight() {
            return 8;
        }

        @Override
        public void checkNow() {
            checks++;
        }

        @Override
        public void close() {
            closed = true;
        }

        void deliver(Event... events) {
            listener.onEvents(List.of(events));
        }

        void push(ServerFrame frame) {
            listener.onEphemeral(frame);
        }

        void breakWith(LinkFailure.Reason reason) {
            listener.onFailure(new LinkFailure(reason, "test broke the link"));
        }

        /** The next outbox send, waiting up to 5 s; other requests (marks, refreshes) are skipped. */
        Sent nextRequest() throws InterruptedException {
            return nextRequest(Request.Send.class);
        }

        /** The next request of {@code type}, waiting up to 5 s; requests of other types are skipped. */
        Sent nextRequest(Class<? extends Request> type) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (true) {
                Sent sent = requests.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(sent).as("a " + type.getSimpleName() + " request within 5 s").isNotNull();
                if (type.isInstance(sent.request())) {
                    return sent;
                }
            }
        }

        /** Asserts that no request of {@code type} is sent within {@code quiet}. */
        void assertNoRequest(Class<? extends Request> type, Duration quiet) throws InterruptedException {
            long deadline = System.nanoTime() + quiet.toNanos();
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                Sent sent = requests.poll(left, TimeUnit.NANOSECONDS);
                assertThat(sent != null && type.isInstance(sent.request())).as("no " + type.getSimpleName())
                        .isFalse();
            }
        }
    }

    record Sent(Request request, CompletableFuture<Reply> reply) {
    }
}
