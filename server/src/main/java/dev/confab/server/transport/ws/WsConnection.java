package dev.confab.server.transport.ws;

import dev.confab.protocol.Codec;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.chat.Connection;
import dev.confab.server.chat.SerialExecutor;
import dev.confab.server.chat.Session;
import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One WebSocket connection. Frames are written in the order they are handed in; sends never block. */
final class WsConnection implements Connection {
    private static final Logger log = LoggerFactory.getLogger(WsConnection.class);

    private final jakarta.websocket.Session ws;
    private final Codec codec;
    private final SerialExecutor serial;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private volatile boolean helloDone;
    private volatile Session session;
    private final java.util.concurrent.atomic.AtomicLong queuedBytes = new java.util.concurrent.atomic.AtomicLong();
    private final long maxQueuedBytes;
    private final dev.confab.server.chat.RateLimiter limiter;
    private final String remoteAddress;
    private volatile boolean closed;
    private volatile long lastHeard;
    /** Our own text framing, or null for Tyrus' sendText. */
    private final FrameWriter frames;
    /** A push is on its way: replies wait for it in {@link #heldReplies}. Guarded by this. */
    private boolean pushExpected;
    private final List<ByteBuffer> heldReplies = new ArrayList<>(); // no array until a reply is held
    /** Resumes a catch-up paused for want of room; see {@link #whenRoom}. */
    private final java.util.concurrent.atomic.AtomicReference<Runnable> onRoom =
            new java.util.concurrent.atomic.AtomicReference<>();

    WsConnection(jakarta.websocket.Session ws, Codec codec, Executor executor, long openedAt, long maxQueuedBytes,
                 dev.confab.server.chat.RateLimiter limiter) {
        this(ws, codec, executor, openedAt, maxQueuedBytes, limiter, TextFrameSender.of(ws));
    }

    /** With {@code frames} writing our own frames, or null for Tyrus' {@code sendText}. */
    WsConnection(jakarta.websocket.Session ws, Codec codec, Executor executor, long openedAt, long maxQueuedBytes,
                 dev.confab.server.chat.RateLimiter limiter, FrameWriter frames) {
        this.ws = ws;
        this.codec = codec;
        this.serial = new SerialExecutor(executor);
        this.lastHeard = openedAt;
        this.maxQueuedBytes = maxQueuedBytes;
        this.limiter = limiter;
        this.remoteAddress = ws instanceof org.glassfish.tyrus.core.TyrusSession t ? t.getRemoteAddr() : null;
        this.frames = frames;
    }

    /** Writes whole WebSocket frames, back to back (see {@link TextFrameSender#send}). */
    interface FrameWriter {
        void send(ByteBuffer frames, java.util.function.Consumer<Throwable> done);
    }

    @Override
    public boolean isOpen() {
        return !closed && ws.isOpen();
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    /** Takes a request token; false when the client is over its request rate. */
    boolean admit(long nowNanos) {
        return limiter.tryAcquire(nowNanos);
    }

    long lastHeard() {
        return lastHeard;
    }

    void heard(long at) {
        lastHeard = at;
    }

    @Override
    public boolean streaming() {
        return true;
    }

    @Override
    public boolean helloDone() {
        return helloDone;
    }

    @Override
    public void helloDone(boolean done) {
        this.helloDone = done;
    }

    @Override
    public Optional<Session> session() {
        return Optional.ofNullable(session);
    }

    @Override
    public void session(Session session) {
        this.session = session;
    }

    @Override
    public Executor serial() {
        return serial;
    }

    @Override
    public void push(ServerFrame frame) {
        send(frame);
    }

    /**
     * Room for catch-up frames while fewer than {@link WsEndpoint#CATCH_UP_WINDOW} bytes are unsent: a device
     * catching up on a backlog larger than the too-slow limit is paced by what it reads instead of being dropped.
     */
    @Override
    public boolean hasRoom() {
        return queuedBytes.get() < WsEndpoint.CATCH_UP_WINDOW && isOpen();
    }

    @Override
    public void whenRoom(Runnable resume) {
        onRoom.set(resume);
        // Checked after registering: either this sees the room, or sent() sees the registration. A closed
        // connection never resumes (its stream is stopped when it is released).
        if (hasRoom()) {
            resumeIfWaiting();
        }
    }

    private void resumeIfWaiting() {
        Runnable resume = onRoom.getAndSet(null);
        if (resume != null) {
            resume.run();
        }
    }

    /** Queues a pushed frame (events, presence, typing), with any reply that waited for it ({@link #expectPush}). */
    void send(ServerFrame frame) {
        queueFrame(frame, false);
    }

    /**
     * Queues the reply to a request. While a push is expected it waits for that push and goes out in the same
     * write: a {@code send} is acknowledged just after its message event is handed to the sender's own stream, so
     * the {@code send_ok} and the echo then cost one system call instead of two (events may come before their
     * reply, protocol §2).
     */
    void reply(ServerFrame frame) {
        queueFrame(frame, true);
    }

    @Override
    public void expectPush() {
        synchronized (this) {
            pushExpected = true;
        }
    }

    @Override
    public void pushDone() {
        queueBytes(null, false);
    }

    /** Encodes a frame straight into a WebSocket frame when we frame ourselves, else hands its text to Tyrus. */
    private void queueFrame(ServerFrame frame, boolean reply) {
        if (frames == null) {
            String text = codec.encode(frame);
            queue(2L * text.length(), done -> ws.getAsyncRemote().sendText(text, r -> done.accept(r.getException())));
            return;
        }
        TextFrameSender.FrameBuilder builder = new TextFrameSender.FrameBuilder(codec.encodedLength(frame));
        try {
            codec.encode(frame, builder);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // an in-memory stream does not fail
        }
        queueBytes(builder.toFrame(), reply);
    }

    /**
     * Writes one encoded frame (null: none) together with the replies held for a push, or holds it when it is a
     * reply and a push is expected.
     */
    private void queueBytes(ByteBuffer frame, boolean reply) {
        boolean tooSlow;
        synchronized (this) {
            if (closed || !ws.isOpen()) {
                heldReplies.clear();
                return;
            }
            if (reply && pushExpected) {
                heldReplies.add(frame);
                return;
            }
            if (!reply) {
                pushExpected = false;
            }
            ByteBuffer bytes = withHeldReplies(frame);
            if (bytes == null) {
                return;
            }
            tooSlow = !write(bytes.remaining(), done -> frames.send(bytes, done));
        }
        if (tooSlow) {
            closeTooSlow();
        }
    }

    /** The held replies followed by {@code frame} (either may be absent) in one buffer; null when there is nothing. */
    private ByteBuffer withHeldReplies(ByteBuffer frame) {
        if (heldReplies.isEmpty()) {
            return frame;
        }
        if (frame != null) {
            heldReplies.add(frame);
        }
        int size = 0;
        for (ByteBuffer b : heldReplies) {
            size += b.remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(size);
        heldReplies.forEach(all::put);
        heldReplies.clear();
        return all.flip();
    }

    /**
     * Queues a frame of about {@code size} bytes. A peer that does not read (its queue passes the byte limit) is
     * disconnected rather than buffered without bound; its events stay in the store and it catches up by cursor
     * when it reconnects.
     */
    private void queue(long size, java.util.function.Consumer<java.util.function.Consumer<Throwable>> write) {
        boolean tooSlow;
        synchronized (this) {
            if (closed || !ws.isOpen()) {
                return;
            }
            tooSlow = !write(size, write);
        }
        if (tooSlow) {
            closeTooSlow();
        }
    }

    /** Under this connection's lock: counts and writes, or returns false when that would pass the unsent-bytes limit. */
    private boolean write(long size, java.util.function.Consumer<java.util.function.Consumer<Throwable>> write) {
        if (queuedBytes.addAndGet(size) > maxQueuedBytes) {
            return false;
        }
        try {
            write.accept(failure -> sent(size, failure));
        } catch (IllegalStateException e) {
            sent(size, e);
        }
        return true;
    }

    /** Outside the lock: Tyrus calls back into the endpoint (and so into this connection) while closing. */
    private void closeTooSlow() {
        log.info("closing WebSocket {}: more than {} bytes unread", ws.getId(), maxQueuedBytes);
        closeWith(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too slow: reconnect and catch up"));
    }

    private void sent(long size, Throwable failure) {
        if (queuedBytes.addAndGet(-size) < WsEndpoint.CATCH_UP_WINDOW && onRoom.get() != null && isOpen()) {
            resumeIfWaiting();
        }
        if (failure != null) {
            log.debug("send to {} failed: {}", ws.getId(), failure.toString());
        }
    }

    @Override
    public synchronized boolean attach(AutoCloseable subscription) {
        if (closed || !subscriptions.isEmpty()) {
            closeQuietly(subscription);
            return false;
        }
        subscriptions.add(subscription);
        return true;
    }

    @Override
    public void close(String reason) {
        closeWith(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, reason));
    }

    void closeWith(CloseReason reason) {
        released();
        try {
            ws.close(reason);
        } catch (IOException | IllegalStateException e) {
            // already closed
        }
    }

    /** Stops the event stream; called once the socket is gone. */
    synchronized void released() {
        closed = true;
        subscriptions.forEach(WsConnection::closeQuietly);
        subscriptions.clear();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // best effort
        }
    }
}
