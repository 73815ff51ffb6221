package dev.confab.client.ui.setup;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** Turns what people type ("chat.local", "10.0.0.5:9000", "http://host:8080/") into a server base URI. */
public final class ServerAddress {
    public static final int DEFAULT_PORT = 8080;

    private ServerAddress() {
    }

    public static Optional<URI> parse(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        String text = typed.strip();
        if (!text.contains("://")) {
            text = "http://" + text;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                return Optional.empty();
            }
            int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : DEFAULT_PORT;
            String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]"
                    : uri.getHost();
            return Optional.of(URI.create(scheme + "://" + host + ":" + port));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
