package dev.confab.server.lan;

import java.nio.file.Path;

/**
 * How the server secures its port. Off by default. On without files, the server generates a self-signed
 * certificate in its data directory on first start and reuses it afterwards (clients pin it on first use).
 *
 * @param certificate PEM certificate chain, leaf first (with {@code privateKey}), or null
 * @param privateKey PEM private key, PKCS#8 or traditional, unencrypted (with {@code certificate}), or null
 * @param keystore PKCS#12 keystore holding one key entry, or null
 * @param keystorePasswordFile file whose first line is the keystore password; null means an empty password
 * @param plainLocalPort also serve plain ws:// and http:// on 127.0.0.1 at this port; -1 = no, 0 = any free port
 */
public record TlsSettings(boolean enabled, Path certificate, Path privateKey, Path keystore,
                          Path keystorePasswordFile, int plainLocalPort) {
    public static final int NO_PLAIN_PORT = -1;

    public TlsSettings {
        if ((certificate == null) != (privateKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (keystore != null && certificate != null) {
            throw new IllegalArgumentException("use either --tls-cert/--tls-key or --tls-keystore, not both");
        }
        if (keystorePasswordFile != null && keystore == null) {
            throw new IllegalArgumentException("--tls-keystore-password-file needs --tls-keystore");
        }
        if (plainLocalPort < NO_PLAIN_PORT || plainLocalPort > 65535) {
            throw new IllegalArgumentException("--plain-local-port must be 0-65535, not " + plainLocalPort);
        }
    }

    public static TlsSettings off() {
        return new TlsSettings(false, null, null, null, null, NO_PLAIN_PORT);
    }

    /** TLS on with a certificate generated (once) in the data directory. */
    public static TlsSettings selfSigned() {
        return off().withEnabled(true);
    }

    public boolean isSelfSigned() {
        return certificate == null && keystore == null;
    }

    public TlsSettings withEnabled(boolean value) {
        return new TlsSettings(value, certificate, privateKey, keystore, keystorePasswordFile, plainLocalPort);
    }

    public TlsSettings withPem(Path cert, Path key) {
        return new TlsSettings(true, cert, key, keystore, keystorePasswordFile, plainLocalPort);
    }

    public TlsSettings withKeystore(Path file, Path passwordFile) {
        return new TlsSettings(true, certificate, privateKey, file, passwordFile, plainLocalPort);
    }

    public TlsSettings withPlainLocalPort(int value) {
        return new TlsSettings(enabled, certificate, privateKey, keystore, keystorePasswordFile, value);
    }
}
