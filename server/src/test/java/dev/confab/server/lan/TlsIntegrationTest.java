package dev.confab.server.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.protocol.JacksonCodec;
import dev.confab.protocol.Limits;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.server.ConfabServer;
import dev.confab.server.ServerConfig;
import dev.confab.server.support.WsTestClient;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TlsIntegrationTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path files;
    private final List<ConfabServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(ConfabServer::close);
    }

    @Test
    void selfSignedCertificateIsGeneratedOnceServedOverHttpsAndKeptAcrossRestarts() throws Exception {
        ConfabServer server = start(ServerConfig.forTests(dataDir).withTls(TlsSettings.selfSigned()));
        ServerTls tls = server.tls().orElseThrow();

        assertThat(tls.fingerprint()).matches("[0-9a-f]{64}");
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("tls/private-key.pem")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(TlsTestSupport.get(TlsTestSupport.trusting(tls.certificate()),
                "https://127.0.0.1:" + server.port() + "/health").statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> TlsTestSupport.get(null, "http://127.0.0.1:" + server.port() + "/health"))
                .as("plain HTTP on the TLS port").isInstanceOf(IOException.class);

        String first = tls.fingerprint();
        server.close();
        ConfabServer again = start(ServerConfig.forTests(dataDir).withTls(TlsSettings.selfSigned()));
        assertThat(again.tls().orElseThrow().fingerprint()).as("same certificate after a restart").isEqualTo(first);
    }

    @Test
    void webSocketSpeaksTheProtocolOverWss() throws Exception {
        ConfabServer server = start(ServerConfig.forTests(dataDir).withTls(TlsSettings.selfSigned()));
        SSLContext trust = TlsTestSupport.trusting(server.tls().orElseThrow().certificate());
        ClientManager client = ClientManager.createClient();
        client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR,
                new SslEngineConfigurator(trust, true, false, false));
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        Session session = client.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig config) {
                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) frames::add);
            }
        }, ClientEndpointConfig.Builder.create().build(), URI.create("wss://127.0.0.1:" + server.port() + "/ws"));
        try {
            JacksonCodec codec = new JacksonCodec();
            session.getBasicRemote().sendText(codec.encode(new Request.Hello("h1", Limits.PROTOCOL_VERSION, "tls-test")));
            String reply = frames.poll(10, TimeUnit.SECONDS);
            assertThat(reply).isNotNull();
            assertThat(codec.decodeServerFrame(reply)).isInstanceOf(Reply.HelloOk.class);
        } finally {
            session.close();
            client.shutdown();
        }
    }

    @Test
    void plainLocalListenerServesThisComputerWhileTheMainPortIsTls() throws Exception {
        ConfabServer server = start(ServerConfig.forTests(dataDir)
                .withTls(TlsSettings.selfSigned().withPlainLocalPort(0)));
        int plain = server.tls().orElseThrow().plainLocalPort();
        assertThat(plain).isPositive().isNotEqualTo(server.port());

        try (WsTestClient local = WsTestClient.connect(plain)) {
            local.hello();
            local.register("alice", "password-alice");
            assertThat(local.login("alice", "password-alice", "laptop").token()).isNotBlank();
        }
        assertThat(TlsTestSupport.get(null, "http://127.0.0.1:" + plain + "/health").statusCode()).isEqualTo(200);
        assertThat(TlsTestSupport.get(TlsTestSupport.trusting(server.tls().orElseThrow().certificate()),
                "https://127.0.0.1:" + server.port() + "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void adminProvidedPemCertificateIsServed() throws Exception {
        KeyAndChain own = SelfSignedCertificate.generate("admin's certificate", Clock.systemUTC());
        Path cert = files.resolve("cert.pem");
        Path key = files.resolve("key.pem");
        PemFiles.write(own, cert, key);

        ConfabServer server = start(ServerConfig.forTests(dataDir).withTls(TlsSettings.off().withPem(cert, key)));

        assertThat(server.tls().orElseThrow().fingerprint()).isEqualTo(Fingerprints.sha256(own.leaf()));
        assertThat(TlsTestSupport.get(TlsTestSupport.trusting(own.leaf()),
                "https://127.0.0.1:" + server.port() + "/health").statusCode()).isEqualTo(200);
        assertThat(dataDir.resolve("tls")).as("nothing generated").doesNotExist();
    }

    @Test
    void pkcs12KeystoreIsServed() throws Exception {
        KeyAndChain own = SelfSignedCertificate.generate("keystore certificate", Clock.systemUTC());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("confab", own.key(), "s3cret".toCharArray(), own.chain().toArray(Certificate[]::new));
        Path keystore = files.resolve("server.p12");
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, "s3cret".toCharArray());
        }
        Path password = Files.writeString(files.resolve("password"), "s3cret\n");

        ConfabServer server = start(ServerConfig.forTests(dataDir)
                .withTls(TlsSettings.off().withKeystore(keystore, password)));

        assertThat(server.tls().orElseThrow().fingerprint()).isEqualTo(Fingerprints.sha256(own.leaf()));
        assertThat(TlsTestSupport.get(TlsTestSupport.trusting(own.leaf()),
                "https://127.0.0.1:" + server.port() + "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void unusableKeyFailsTheStartNamingTheFile() throws Exception {
        KeyAndChain own = SelfSignedCertificate.generate("x", Clock.systemUTC());
        Path cert = files.resolve("cert.pem");
        Path key = files.resolve("key.pem");
        PemFiles.write(own, cert, key);
        Files.writeString(key, "not a key\n");

        assertThatThrownBy(() -> start(ServerConfig.forTests(dataDir).withTls(TlsSettings.off().withPem(cert, key))))
                .isInstanceOf(IOException.class).hasMessageContaining(key.toString());
        // the stores were not left open: a server can start on the same directory at once
        start(ServerConfig.forTests(dataDir));
    }

    private ConfabServer start(ServerConfig config) throws IOException {
        ConfabServer server = ConfabServer.start(config);
        servers.add(server);
        return server;
    }
}
