package dev.confab.client.lan;

import java.net.URI;

/**
 * A Confab server found on the LAN, from its DNS-SD advertisement.
 *
 * @param name the server's name (TXT {@code name}, else the service instance name)
 * @param host the IPv4 address it announced
 * @param fingerprint SHA-256 of its TLS certificate (64 hex digits) when {@code tls}, else null; as unauthenticated
 *                    as the rest of mDNS, so it is a hint to pre-pin, not a proof
 * @param protocolVersion the protocol version it speaks (TXT {@code proto}), 0 if it did not say
 */
public record LanServer(String name, String host, int port, boolean tls, String fingerprint, int protocolVersion,
                        String serverVersion) {

    /** The base address a client connects to: {@code https://host:port} with TLS, else {@code http://host:port}. */
    public URI address() {
        return URI.create((tls ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    /** The key its certificate is pinned under in {@link CertificatePins}. */
    public String hostPort() {
        return CertificatePins.key(host, port);
    }
}
