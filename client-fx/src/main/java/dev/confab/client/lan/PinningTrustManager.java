package dev.confab.client.lan;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly the pinned certificate of one server (pinning on first use). Being an
 * {@link X509ExtendedTrustManager}, it also owns endpoint identification, which it skips on purpose: a
 * self-signed LAN certificate names no stable host, and the pin already says which certificate is the server.
 * Validity dates are not checked either, as with SSH host keys. Client certificates are never trusted.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {
    private final CertificatePins pins;
    private final String hostPort;
    private final CertificatePins.FirstUseListener onFirstUse;

    PinningTrustManager(CertificatePins pins, String hostPort, CertificatePins.FirstUseListener onFirstUse) {
        this.pins = pins;
        this.hostPort = hostPort;
        this.onFirstUse = onFirstUse;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        String presented = CertificatePins.fingerprint(chain[0]);
        if (pins.verifyOrPin(hostPort, presented) && onFirstUse != null) {
            onFirstUse.pinned(hostPort, presented);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a Confab client accepts no incoming TLS connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
