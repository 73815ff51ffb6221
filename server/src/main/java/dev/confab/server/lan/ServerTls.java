package dev.confab.server.lan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS identity (key and certificate chain) and the listeners it secures. The certificate comes
 * from the admin (PEM files or a PKCS#12 keystore) or is generated once into {@code <data-dir>/tls/}.
 */
public final class ServerTls {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
    /** Relative to the data directory. */
    public static final String DIRECTORY = "tls";
    public static final String CERTIFICATE_FILE = "certificate.pem";
    public static final String KEY_FILE = "private-key.pem";
    private static final char[] IN_MEMORY_PASSWORD = "confab".toCharArray();

    private final KeyAndChain identity;
    private final SSLContext context;
    private final String fingerprint;
    private NetworkListener plainListener;

    private ServerTls(KeyAndChain identity) throws GeneralSecurityException, IOException {
        this.identity = identity;
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", identity.key(), IN_MEMORY_PASSWORD, identity.chain().toArray(Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, IN_MEMORY_PASSWORD);
        this.context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        this.fingerprint = Fingerprints.sha256(identity.leaf());
    }

    /** Loads the configured certificate, or the generated one, generating it on first use. */
    public static ServerTls load(TlsSettings settings, Path dataDir, String serverName, Clock clock) throws IOException {
        try {
            if (settings.keystore() != null) {
                return new ServerTls(readKeystore(settings.keystore(), settings.keystorePasswordFile()));
            }
            if (settings.certificate() != null) {
                return new ServerTls(PemFiles.read(settings.certificate(), settings.privateKey()));
            }
            return new ServerTls(selfSigned(dataDir.resolve(DIRECTORY), serverName, clock));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** 64 lowercase hex digits, SHA-256 of the leaf certificate (what clients pin). */
    public String fingerprint() {
        return fingerprint;
    }

    public X509Certificate certificate() {
        return identity.leaf();
    }

    public SSLContext sslContext() {
        return context;
    }

    /**
     * Makes {@code listener} serve TLS only and, when {@code plainLocalPort >= 0}, adds a plain listener on
     * 127.0.0.1 with the same handlers and the given add-ons (connection cap, WebSocket), for clients on this machine.
     */
    public void secure(HttpServer http, NetworkListener listener, List<AddOn> plainAddOns, int plainLocalPort) {
        listener.setSecure(true);
        listener.setSSLEngineConfig(new SSLEngineConfigurator(context, false, false, false));
        if (plainLocalPort >= 0) {
            plainListener = new NetworkListener("confab-plain-local", "127.0.0.1", plainLocalPort);
            plainListener.getKeepAlive().setIdleTimeoutInSeconds(-1);
            plainAddOns.forEach(plainListener::registerAddOn);
            http.addListener(plainListener);
        }
    }

    /** The port of the plain loopback listener, or -1 when there is none. Valid once the server started. */
    public int plainLocalPort() {
        return plainListener == null ? -1 : plainListener.getPort();
    }

    private static KeyAndChain selfSigned(Path dir, String serverName, Clock clock) throws IOException {
        Path cert = dir.resolve(CERTIFICATE_FILE);
        Path key = dir.resolve(KEY_FILE);
        if (Files.exists(cert) && Files.exists(key)) {
            KeyAndChain existing = PemFiles.read(cert, key);
            if (existing.leaf().getNotAfter().toInstant().isBefore(clock.instant())) {
                LOG.warn("the self-signed certificate in {} has expired; clients that pinned it still accept it", dir);
            }
            return existing;
        }
        Files.createDirectories(dir);
        PemFiles.ownerOnly(dir, "rwx------");
        KeyAndChain generated = SelfSignedCertificate.generate(serverName, clock);
        PemFiles.write(generated, cert, key);
        LOG.info("generated a self-signed TLS certificate in {} (SHA-256 {})", dir,
                Fingerprints.display(Fingerprints.sha256(generated.leaf())));
        return generated;
    }

    private static KeyAndChain readKeystore(Path file, Path passwordFile) throws IOException, GeneralSecurityException {
        char[] password = passwordFile == null ? new char[0]
                : firstLine(Files.readString(passwordFile, StandardCharsets.UTF_8)).toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                Key key = store.getKey(alias, password);
                Certificate[] chain = store.getCertificateChain(alias);
                if (key instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
                    List<X509Certificate> certs = Arrays.stream(chain).map(X509Certificate.class::cast).toList();
                    return new KeyAndChain(privateKey, certs);
                }
            }
        }
        throw new IOException(file + " holds no private key entry with a certificate");
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
