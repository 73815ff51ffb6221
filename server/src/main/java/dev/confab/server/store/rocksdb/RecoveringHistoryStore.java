package dev.confab.server.store.rocksdb;

import dev.confab.protocol.Event;
import dev.confab.protocol.Message;
import dev.confab.server.store.HistoryStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RocksDbHistoryStore} that survives a failed write. After an I/O error such as a full disk, RocksDB
 * refuses every later write until the database is resumed, which RocksJava cannot do; so the next commit or read reopens
 * the database (the WAL replays everything that was acknowledged) and tries again. Thread safe: reads share a
 * read lock; reopening takes the write lock.
 */
public final class RecoveringHistoryStore implements HistoryStore {
    private static final Logger log = LoggerFactory.getLogger(RecoveringHistoryStore.class);

    private final Path directory;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private RocksDbHistoryStore delegate;
    private volatile boolean failed;

    private RecoveringHistoryStore(Path directory, RocksDbHistoryStore delegate) {
        this.directory = directory;
        this.delegate = delegate;
    }

    public static RecoveringHistoryStore open(Path directory) {
        return new RecoveringHistoryStore(directory, RocksDbHistoryStore.open(directory));
    }

    @Override
    public void commit(List<NewMessage> messages, List<UserEvent> events, List<Marker> markers) throws StoreException {
        if (failed) {
            reopen();
        }
        lock.readLock().lock();
        try {
            open().commit(messages, events, markers);
        } catch (StoreException e) {
            failed = true;
            throw e;
        } finally {
            lock.readLock().unlock();
        }
    }

    private void reopen() throws StoreException {
        lock.writeLock().lock();
        try {
            if (!failed) {
                return;
            }
            log.warn("reopening the history store after a failed write");
            if (delegate != null) {
                delegate.close();
                delegate = null;
            }
            try {
                delegate = RocksDbHistoryStore.open(directory);
            } catch (RuntimeException e) {
                // Still no space, say: stay closed (reads fail cleanly) and try again on the next commit.
                throw new StoreException("history store cannot be reopened yet: " + e.getMessage(), e);
            }
            failed = false;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public long latestMessageSeq(long conversationId) {
        return read(() -> open().latestMessageSeq(conversationId));
    }

    @Override
    public long latestEventSeq(long userId) {
        return read(() -> open().latestEventSeq(userId));
    }

    @Override
    public Optional<Message> findSent(long senderId, String clientMsgId) {
        return read(() -> open().findSent(senderId, clientMsgId));
    }

    @Override
    public Marker marker(long conversationId, long userId) {
        return read(() -> open().marker(conversationId, userId));
    }

    @Override
    public List<Marker> markers(long conversationId) {
        return read(() -> open().markers(conversationId));
    }

    @Override
    public List<Message> page(long conversationId, long beforeExclusive, int limit) {
        return read(() -> open().page(conversationId, beforeExclusive, limit));
    }

    @Override
    public List<Event> events(long userId, long afterExclusive, int limit) {
        return read(() -> open().events(userId, afterExclusive, limit));
    }

    /** A consistent RocksDB checkpoint into {@code target} (see {@link RocksDbHistoryStore#checkpoint}). */
    public void checkpoint(Path target) throws IOException {
        lock.readLock().lock();
        try {
            open().checkpoint(target);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (delegate != null) {
                delegate.close();
                delegate = null;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The open database; never a closed one, whose native handles would crash the JVM. Lock held by caller. */
    private RocksDbHistoryStore open() {
        RocksDbHistoryStore d = delegate;
        if (d == null) {
            throw new dev.confab.server.store.StoreUnavailableException("history store is reopening; retry", null);
        }
        return d;
    }

    private <T> T read(Supplier<T> action) {
        if (failed) {
            try {
                reopen();
            } catch (StoreException e) {
                throw new dev.confab.server.store.StoreUnavailableException("history store unavailable; retry", e);
            }
        }
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }
}
