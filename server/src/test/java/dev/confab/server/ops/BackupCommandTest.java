package dev.confab.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.server.ConfabServer;
import dev.confab.server.ServerConfig;
import dev.confab.server.support.WsTestClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class BackupCommandTest {
    @TempDir
    Path root;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void backsUpAStoppedServerDirectlyAndRestoresIt() throws Exception {
        Path data = root.resolve("data");
        String token;
        try (ConfabServer server = ConfabServer.start(ServerConfig.forTests(data));
             WsTestClient alice = WsTestClient.connect(server.port())) {
            alice.hello();
            alice.register("alice", "password-alice");
            token = alice.login("alice", "password-alice", "desk").token();
            alice.sendTo("alice", "note-1", "a note to self");
        }
        assertThat(AdminFile.in(data)).as("removed at a clean stop").doesNotExist();

        assertThat(backup("--data-dir", data.toString(), "--to", root.resolve("b").toString())).isZero();
        assertThat(text(out)).contains("the server was not running");
        assertThat(root.resolve("b").resolve(Backups.MANIFEST)).exists();
        assertThat(restore("--from", root.resolve("b").toString(), "--data-dir", root.resolve("r").toString())).isZero();

        try (ConfabServer server = ConfabServer.start(ServerConfig.forTests(root.resolve("r")));
             WsTestClient alice = WsTestClient.connect(server.port())) {
            alice.hello();
            alice.auth(token);
            alice.subscribe(0);
            org.awaitility.Awaitility.await().until(() -> alice.eventBodies().contains("a note to self"));
        }
    }

    @Test
    void refusesToOverwrite() throws Exception {
        Path data = root.resolve("data");
        ConfabServer.start(ServerConfig.forTests(data)).close();
        Path full = Files.createDirectories(root.resolve("full"));
        Files.writeString(full.resolve("x"), "x");

        assertThat(backup("--data-dir", data.toString(), "--to", full.toString())).isEqualTo(1);
        assertThat(text(err)).contains("exists and is not empty");
        assertThat(backup("--data-dir", data.toString(), "--to", root.resolve("ok").toString())).isZero();
        assertThat(restore("--from", root.resolve("ok").toString(), "--data-dir", full.toString())).isEqualTo(1);
        assertThat(restore("--from", data.toString(), "--data-dir", root.resolve("new").toString()))
                .as("a data directory is not a backup").isEqualTo(1);
        assertThat(text(err)).contains("not a complete Confab backup");
        assertThat(backup("--to")).isEqualTo(2);
    }

    @Test
    void adminEndpointWantsTheTokenFromTheDataDirectory() throws Exception {
        Path data = root.resolve("data");
        try (ConfabServer server = ConfabServer.start(ServerConfig.forTests(data))) {
            AdminFile admin = AdminFile.read(data).orElseThrow();
            assertThat(Files.getPosixFilePermissions(AdminFile.in(data)))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + admin.port() + AdminEndpoint.BACKUP_PATH);

            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer nope")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + admin.token()).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(data.resolve(AdminEndpoint.STAGING_DIR)).doesNotExist();
        }
    }

    private int backup(String... args) {
        return BackupCommand.run(args, root.resolve("default"), "test", print(out), print(err));
    }

    private int restore(String... args) {
        return RestoreCommand.run(args, root.resolve("default"), print(out), print(err));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
