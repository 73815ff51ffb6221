package dev.confab.server.lan;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A private key and its certificate chain, leaf first. */
record KeyAndChain(PrivateKey key, List<X509Certificate> chain) {
    KeyAndChain {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate");
        }
        chain = List.copyOf(chain);
    }

    X509Certificate leaf() {
        return chain.get(0);
    }
}
