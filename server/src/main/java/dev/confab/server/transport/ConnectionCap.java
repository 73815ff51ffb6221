package dev.confab.server.transport;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code max} open TCP connections across the server's listeners; a connection accepted beyond that is
 * closed at once, before TLS or HTTP. Every connection holds a file descriptor, and RocksDB needs descriptors for
 * its write-ahead log and table files: without a cap, a flood of connections (thousands of parallel HTTP
 * requests, say) made history commits fail with "Too many open files" for every user (ADR 0010). Thread safe;
 * one instance serves all listeners of a server.
 */
public final class ConnectionCap {
    /** Descriptors kept free of connections by default: the stores, the logs, the JVM's own files. */
    public static final int RESERVED_DESCRIPTORS = 512;
    private static final int AT_LEAST = 64;
    private static final Logger log = LoggerFactory.getLogger(ConnectionCap.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    public ConnectionCap(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max connections must be at least 1: " + max);
        }
        this.max = max;
    }

    /** The default cap for a process allowed {@code descriptorLimit} open files: all but the reserve, at least 64. */
    public static int defaultFor(long descriptorLimit) {
        return (int) Math.max(AT_LEAST, Math.min(Integer.MAX_VALUE, descriptorLimit - RESERVED_DESCRIPTORS));
    }

    /**
     * This process's open-file limit, or {@link Long#MAX_VALUE} where it cannot be told. Asks the JVM
     * ({@code jdk.management}); a runtime without that module (a jlinked one) reads {@code /proc/self/limits}.
     */
    public static long descriptorLimit() {
        try {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof UnixOperatingSystemMXBean unix) {
                return unix.getMaxFileDescriptorCount();
            }
        } catch (LinkageError e) {
            return procLimit(Path.of("/proc/self/limits"));
        }
        return Long.MAX_VALUE;
    }

    /** The soft "Max open files" of a Linux limits file, or {@link Long#MAX_VALUE} when it says none or is absent. */
    static long procLimit(Path limits) {
        try {
            for (String line : Files.readAllLines(limits)) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot read {}: {}", limits, e.toString());
        }
        return Long.MAX_VALUE;
    }

    public int max() {
        return max;
    }

    /** Connections open now (accepted and not yet closed). */
    public int open() {
        return open.get();
    }

    /** Connections closed at once because the cap was reached, since start. */
    public long refused() {
        return refused.get();
    }

    /** Puts the cap first in a listener's chain, right after the transport (so before TLS and HTTP). */
    public AddOn addOn() {
        return new AddOn() {
            @Override
            public void setup(NetworkListener listener, FilterChainBuilder builder) {
                builder.add(1, new CapFilter());
            }
        };
    }

    private final class CapFilter extends BaseFilter {
        @Override
        public NextAction handleAccept(FilterChainContext ctx) throws IOException {
            Connection<?> connection = ctx.getConnection();
            if (open.incrementAndGet() > max) {
                open.decrementAndGet();
                long total = refused.incrementAndGet();
                warnNowAndThen(total);
                connection.closeSilently();
                return ctx.getStopAction();
            }
            connection.addCloseListener((Connection.CloseListener) (closed, type) -> open.decrementAndGet());
            return ctx.getInvokeAction();
        }
    }

    private void warnNowAndThen(long total) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("{} open connections, the most allowed (--max-connections): closing new ones at once "
                    + "({} so far)", max, total);
        }
    }
}
