package dev.confab.server.lan;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** SHA-256 certificate fingerprints, as clients pin them: over the DER encoding of the leaf certificate. */
public final class Fingerprints {
    private Fingerprints() {
    }

    /** 64 lowercase hex digits: the form in the mDNS TXT record and in clients' pin files. */
    public static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code AB:CD:...}: the form people compare by eye (as {@code openssl x509 -fingerprint -sha256} prints). */
    public static String display(String hex) {
        StringBuilder out = new StringBuilder(hex.length() * 3 / 2);
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex, i, Math.min(i + 2, hex.length()));
        }
        return out.toString().toUpperCase(java.util.Locale.ROOT);
    }
}
