package dev.confab.client.lan;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;

/**
 * Finds Confab servers on the LAN through DNS-SD over mDNS ({@value #SERVICE_TYPE}) and keeps a live list:
 * {@link Listener#added} when a server is announced and resolved, {@link Listener#removed} when it says goodbye
 * or its records expire. A server whose advertisement changes is removed and added again.
 * <p>Threads: JmDNS runs on its own threads; the listener runs only on the {@code callbacks} executor (the UI
 * passes {@code Platform::runLater}), in event order when that executor keeps order. Starting and closing
 * happen on a background thread, so neither blocks the caller. Thread safe.
 */
public final class LanDiscovery implements AutoCloseable {
    public static final String SERVICE_TYPE = "_confab._tcp.local.";

    /** Told about servers appearing and leaving. */
    public interface Listener {
        void added(LanServer server);

        void removed(LanServer server);
    }

    private final Listener listener;
    private final Executor callbacks;
    private final ExecutorService worker;
    private final List<JmDNS> browsers = new CopyOnWriteArrayList<>();
    private final Map<String, LanServer> servers = new LinkedHashMap<>();
    private boolean closed;

    private LanDiscovery(Listener listener, Executor callbacks) {
        this.listener = listener;
        this.callbacks = callbacks;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "confab-lan-discovery");
            t.setDaemon(true);
            return t;
        });
    }

    /** Browses on every LAN interface ({@link #lanAddresses()}). */
    public static LanDiscovery onLan(Listener listener, Executor callbacks) {
        return on(lanAddresses(), listener, callbacks);
    }

    /** Browses on the given local addresses (tests use 127.0.0.1). Returns at once. */
    public static LanDiscovery on(List<InetAddress> addresses, Listener listener, Executor callbacks) {
        LanDiscovery discovery = new LanDiscovery(listener, callbacks);
        for (InetAddress address : addresses) {
            discovery.worker.execute(() -> discovery.browse(address));
        }
        return discovery;
    }

    /** IPv4 addresses of interfaces that are up, multicast-capable, not loopback and not point-to-point. */
    public static List<InetAddress> lanAddresses() {
        List<InetAddress> result = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nif.isUp() && !nif.isLoopback() && nif.supportsMulticast() && !nif.isPointToPoint()) {
                    Collections.list(nif.getInetAddresses()).stream()
                            .filter(a -> a instanceof Inet4Address)
                            .forEach(result::add);
                }
            }
        } catch (SocketException e) {
            // no interfaces to browse on: nothing will be found
        }
        return result;
    }

    /** The servers known now. */
    public synchronized List<LanServer> servers() {
        return List.copyOf(servers.values());
    }

    /** Stops browsing; returns at once (JmDNS stops in the background). No callback starts after this returns. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            servers.clear();
        }
        worker.execute(() -> browsers.forEach(LanDiscovery::closeQuietly));
        worker.shutdown();
    }

    private void browse(InetAddress address) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        try {
            JmDNS jmdns = JmDNS.create(address, "confab-client-" + ProcessHandle.current().pid());
            browsers.add(jmdns);
            jmdns.addServiceListener(SERVICE_TYPE, new Events(jmdns));
        } catch (IOException | RuntimeException e) {
            // this interface cannot carry mDNS; the others may
        }
    }

    private void resolved(ServiceInfo info, String instance) {
        if (info.getInet4Addresses().length == 0 || info.getPort() <= 0 || info.getPropertyString("proto") == null) {
            return; // not fully resolved yet (JmDNS reports SRV, A and TXT as they come): another event follows
        }
        String name = info.getPropertyString("name");
        String fingerprint = info.getPropertyString("fp");
        LanServer server = new LanServer(name == null || name.isBlank() ? instance : name,
                info.getInet4Addresses()[0].getHostAddress(), info.getPort(), "1".equals(info.getPropertyString("tls")),
                fingerprint, number(info.getPropertyString("proto")), info.getPropertyString("ver"));
        synchronized (this) {
            if (closed) {
                return;
            }
            LanServer old = servers.put(instance, server);
            if (server.equals(old)) {
                return;
            }
            if (old != null) {
                callbacks.execute(() -> notify(old, false));
            }
            callbacks.execute(() -> notify(server, true));
        }
    }

    private synchronized void gone(String instance) {
        LanServer old = closed ? null : servers.remove(instance);
        if (old != null) {
            callbacks.execute(() -> notify(old, false));
        }
    }

    private void notify(LanServer server, boolean added) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        if (added) {
            listener.added(server);
        } else {
            listener.removed(server);
        }
    }

    private static int number(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void closeQuietly(JmDNS jmdns) {
        try {
            jmdns.close();
        } catch (IOException | RuntimeException e) {
            // stopping anyway
        }
    }

    /** JmDNS events of one browser; never blocks JmDNS's threads. */
    private final class Events implements ServiceListener {
        private final JmDNS jmdns;

        Events(JmDNS jmdns) {
            this.jmdns = jmdns;
        }

        @Override
        public void serviceAdded(ServiceEvent event) {
            // Resolution blocks while it waits for answers: do it on our thread; serviceResolved follows.
            try {
                worker.execute(() -> jmdns.requestServiceInfo(event.getType(), event.getName(), 3000));
            } catch (RejectedExecutionException e) {
                // closed meanwhile
            }
        }

        @Override
        public void serviceRemoved(ServiceEvent event) {
            gone(event.getName());
        }

        @Override
        public void serviceResolved(ServiceEvent event) {
            resolved(event.getInfo(), event.getName());
        }
    }
}
