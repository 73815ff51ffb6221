package dev.confab.server.lan;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advertises the server on the LAN with DNS-SD over mDNS as {@value #SERVICE_TYPE}, one JmDNS responder per
 * address. Starting and stopping happen on the advertiser's own daemon thread, because JmDNS blocks while it
 * probes (a few seconds) and while it sends goodbyes; the server is ready before the advertisement is.
 */
public final class LanAdvertiser implements AutoCloseable {
    public static final String SERVICE_TYPE = "_confab._tcp.local.";
    static final Duration CLOSE_WAIT = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(LanAdvertiser.class);

    private final ExecutorService worker;
    private final CompletableFuture<List<JmDNS>> responders;

    private LanAdvertiser(ExecutorService worker, CompletableFuture<List<JmDNS>> responders) {
        this.worker = worker;
        this.responders = responders;
    }

    /**
     * What goes into the TXT record.
     *
     * @param fingerprint SHA-256 of the TLS certificate (64 hex digits), or null when the server is plain
     */
    public record Advertisement(String serverName, int port, String fingerprint, int protocolVersion,
                                String serverVersion) {
        /** TXT keys: name, port, proto, tls (1/0), fp (only with TLS), ver. */
        public Map<String, String> txt() {
            Map<String, String> txt = new LinkedHashMap<>();
            txt.put("name", serverName);
            txt.put("port", Integer.toString(port));
            txt.put("proto", Integer.toString(protocolVersion));
            txt.put("tls", fingerprint == null ? "0" : "1");
            if (fingerprint != null) {
                txt.put("fp", fingerprint);
            }
            txt.put("ver", serverVersion);
            return txt;
        }
    }

    /** Starts advertising on {@code addresses} in the background; returns at once. */
    public static LanAdvertiser start(Advertisement ad, List<InetAddress> addresses) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "confab-mdns");
            t.setDaemon(true);
            return t;
        });
        CompletableFuture<List<JmDNS>> responders = CompletableFuture.supplyAsync(() -> register(ad, addresses), worker);
        return new LanAdvertiser(worker, responders);
    }

    /**
     * Where to advertise for a listener bound to {@code bind}: that address when it is a specific one,
     * otherwise every IPv4 address of every interface that is up, multicast-capable and not loopback.
     */
    public static List<InetAddress> addressesFor(String bind) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(bind);
        if (!address.isAnyLocalAddress()) {
            return List.of(address);
        }
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
            LOG.warn("cannot list network interfaces for LAN discovery: {}", e.toString());
        }
        return result;
    }

    /** The advertisement is live on every address that accepted it (tests wait for this). */
    public CompletableFuture<List<JmDNS>> registered() {
        return responders.copy();
    }

    /**
     * Withdraws the advertisement and stops JmDNS, waiting at most {@link #CLOSE_WAIT}: the first goodbye goes out
     * at once, which is what browsers need; JmDNS repeats it for about two more seconds on its daemon thread, which
     * need not hold up a server shutdown.
     */
    @Override
    public void close() {
        CompletableFuture<Void> closing = responders
                .thenAcceptAsync(list -> list.forEach(LanAdvertiser::closeQuietly), worker);
        worker.shutdown();
        try {
            closing.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still sending goodbyes in the background, or registration had failed: nothing to wait for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<JmDNS> register(Advertisement ad, List<InetAddress> addresses) {
        if (addresses.isEmpty()) {
            LOG.warn("LAN discovery is on but no network interface can carry it; clients must type the address");
            return List.of();
        }
        String host = hostLabel();
        List<JmDNS> started = new ArrayList<>();
        for (InetAddress address : addresses) {
            try {
                JmDNS jmdns = JmDNS.create(address, host);
                jmdns.registerService(ServiceInfo.create(SERVICE_TYPE, ad.serverName(), ad.port(), 0, 0, ad.txt()));
                started.add(jmdns);
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot advertise on {}: {}", address.getHostAddress(), e.toString());
            }
        }
        LOG.info("LAN discovery: advertising \"{}\" as {} on {}", ad.serverName(), SERVICE_TYPE,
                started.stream().map(j -> addressOf(j)).toList());
        return List.copyOf(started);
    }

    private static String addressOf(JmDNS jmdns) {
        try {
            return jmdns.getInetAddress().getHostAddress();
        } catch (IOException e) {
            return "?";
        }
    }

    /** This machine's name as a DNS label (JmDNS appends .local.). */
    private static String hostLabel() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = "confab-server";
        }
        int dot = name.indexOf('.');
        name = (dot > 0 ? name.substring(0, dot) : name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return name.isEmpty() ? "confab-server" : name;
    }

    private static void closeQuietly(JmDNS jmdns) {
        try {
            jmdns.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing JmDNS failed", e);
        }
    }
}
