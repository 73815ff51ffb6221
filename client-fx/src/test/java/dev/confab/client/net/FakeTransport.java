package dev.confab.client.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.Event;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
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

        void breakWith(LinkFailure.Reason reason) {
            listener.onFailure(new LinkFailure(reason, "test broke the link"));
        }

        Sent nextRequest() throws InterruptedException {
            Sent sent = requests.poll(5, TimeUnit.SECONDS);
            assertThat(sent).as("a request within 5 s").isNotNull();
            return sent;
        }
    }

    record Sent(Request request, CompletableFuture<Reply> reply) {
    }
}
