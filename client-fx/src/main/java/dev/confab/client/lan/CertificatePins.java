package dev.confab.client.lan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Trust on first use, like SSH's known_hosts: the SHA-256 fingerprint of each server's certificate, per
 * {@code host:port}, in a small text file under the client's data directory ({@value #FILE_NAME}). The first
 * TLS connection to a server pins its certificate; later connections accept only that certificate and fail
 * with {@link CertificateChangedException} otherwise. Thread safe; the file is rewritten atomically.
 * <p>File format, one pin a line: {@code host:port sha256-hex}; lines starting with {@code #} are comments.
 */
public final class CertificatePins {
    public static final String FILE_NAME = "known_servers";
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

    private final Path file;
    private final Map<String, String> pins = new TreeMap<>();

    private CertificatePins(Path file) {
        this.file = file;
    }

    /** Reads the pins in {@code file} if it exists (malformed lines are ignored); the file is created on the first pin. */
    public static CertificatePins open(Path file) {
        CertificatePins pins = new CertificatePins(file);
        if (Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] parts = line.trim().split("\\s+");
                    if (parts.length == 2 && !parts[0].startsWith("#") && FINGERPRINT.matcher(parts[1]).matches()) {
                        pins.pins.put(parts[0], parts[1]);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return pins;
    }

    /** {@code host:port} as pins are keyed: host in lower case, IPv6 addresses in brackets. */
    public static String key(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return h + ":" + port;
    }

    /** The key of an {@code https://} or {@code wss://} address (default port 443). */
    public static String key(URI server) {
        return key(server.getHost(), server.getPort() < 0 ? 443 : server.getPort());
    }

    /** SHA-256 of the certificate's DER encoding, 64 lowercase hex digits (what the server prints and advertises). */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code AB:CD:…}, for people to compare with what the server printed at start. */
    public static String display(String fingerprint) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fingerprint.length(); i += 2) {
            out.append(i == 0 ? "" : ":").append(fingerprint, i, Math.min(i + 2, fingerprint.length()));
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    public synchronized Optional<String> pinned(String hostPort) {
        return Optional.ofNullable(pins.get(hostPort));
    }

    /**
     * Pins {@code fingerprint} for {@code hostPort}, replacing any pin (for instance after the user compared a new
     * fingerprint with the server's admin, or to pre-pin the fingerprint a LAN advertisement carried).
     */
    public synchronized void pin(String hostPort, String fingerprint) {
        String fp = fingerprint.toLowerCase(Locale.ROOT);
        if (!FINGERPRINT.matcher(fp).matches()) {
            throw new IllegalArgumentException("not a SHA-256 fingerprint: " + fingerprint);
        }
        pins.put(hostPort, fp);
        save();
    }

    /** Forgets a server's pin: the next connection pins whatever certificate it presents. */
    public synchronized void forget(String hostPort) {
        if (pins.remove(hostPort) != null) {
            save();
        }
    }

    /**
     * Checks a presented certificate: pins it if {@code hostPort} has no pin yet (returns true: first use),
     * accepts it if it matches (returns false), else throws.
     */
    synchronized boolean verifyOrPin(String hostPort, String presented) throws CertificateChangedException {
        String pinned = pins.get(hostPort);
        if (pinned == null) {
            pins.put(hostPort, presented);
            save();
            return true;
        }
        if (!pinned.equals(presented)) {
            throw new CertificateChangedException(hostPort, pinned, presented);
        }
        return false;
    }

    /**
     * An SSLContext for connections to one server that trusts only its pinned certificate (pinning it on first
     * use). {@code onFirstUse} is told the fingerprint it pinned, on the TLS thread; show it to the user so they
     * can compare it with the one the server printed. Host names are not checked: the pin is the identity.
     */
    public SSLContext sslContext(String hostPort, FirstUseListener onFirstUse) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new PinningTrustManager(this, hostPort, onFirstUse)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Told when a server's certificate was pinned for the first time. */
    @FunctionalInterface
    public interface FirstUseListener {
        void pinned(String hostPort, String fingerprint);
    }

    /** The {@link CertificateChangedException} somewhere in a failure's causes, if any. */
    public static Optional<CertificateChangedException> changedCertificate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateChangedException changed) {
                return Optional.of(changed);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    private void save() {
        StringBuilder text = new StringBuilder("# Confab: TLS certificates of servers, pinned on first use.\n"
                + "# host:port SHA-256 fingerprint. Delete a line to accept a server's new certificate.\n");
        pins.forEach((k, v) -> text.append(k).append(' ').append(v).append('\n'));
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
