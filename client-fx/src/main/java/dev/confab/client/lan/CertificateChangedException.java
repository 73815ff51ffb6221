package dev.confab.client.lan;

import java.security.cert.CertificateException;

/**
 * A server presented a certificate other than the one pinned for it. Either someone is intercepting the
 * connection, or the server's certificate was replaced (new data directory, new admin-provided certificate).
 * The connection is refused; only the user can decide, after checking the new fingerprint with the server's
 * admin, to {@link CertificatePins#pin pin} it.
 */
public final class CertificateChangedException extends CertificateException {
    private static final long serialVersionUID = 1L;
    private final String hostPort;
    private final String pinned;
    private final String presented;

    CertificateChangedException(String hostPort, String pinned, String presented) {
        super("The TLS certificate of " + hostPort + " has changed. Pinned SHA-256 "
                + CertificatePins.display(pinned) + ", presented " + CertificatePins.display(presented)
                + ". The connection was refused: someone may be intercepting it, or the server got a new"
                + " certificate. If the server's admin confirms the new fingerprint, accept it and connect again.");
        this.hostPort = hostPort;
        this.pinned = pinned;
        this.presented = presented;
    }

    public String hostPort() {
        return hostPort;
    }

    public String pinnedFingerprint() {
        return pinned;
    }

    public String presentedFingerprint() {
        return presented;
    }
}
