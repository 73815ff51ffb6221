package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Limits;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.server.support.WsTestClient;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory on a small tmpfs that fills up: sends fail with {@code unavailable}, nothing acknowledged is
 * lost, and the server recovers once space returns. Needs root (to mount tmpfs); skipped elsewhere.
 */
@Timeout(120)
class DiskFullIntegrationTest {
    @TempDir
    Path temp;
    private Path mount;
    private boolean mounted;

    @BeforeEach
    void mountTmpfs() throws Exception {
        mount = temp.resolve("disk");
        Files.createDirectories(mount);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        mounted = p.waitFor() == 0;
        assumeTrue(mounted, "needs root and tmpfs to simulate a full disk");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
        }
    }

    @Test
    void aFullDiskRefusesSendsLosesNothingAndRecoversWhenSpaceReturns() throws Exception {
        Path data = mount.resolve("data");
        Set<String> acknowledged = new LinkedHashSet<>();
        List<String> refused = new ArrayList<>();
        String bobToken;
        Path filler = mount.resolve("filler");
        try (ConfabServer server = ConfabServer.start(ServerConfig.forTests(data))) {
            WsTestClient alice = WsTestClient.connect(server.port());
            alice.hello();
            alice.register("alice", "password-alice");
            alice.register("bob", "password-bob");
            WsTestClient bob = WsTestClient.connect(server.port());
            bob.hello();
            bobToken = bob.login("bob", "password-bob", "b").token();
            alice.login("alice", "password-alice", "a");
            alice.sendTo("bob", "warmup", "warm up");
            acknowledged.add("warmup");
            fillDisk(filler, 2L * 1024 * 1024);

            String body = "z".repeat(Limits.MAX_BODY_BYTES - 100);
            for (int i = 0; i < 1000 && refused.size() < 3; i++) {
                Reply r = alice.request(new Request.Send("s" + i, "bob", null, "m" + i, body));
                if (r instanceof Reply.SendOk ok) {
                    acknowledged.add(ok.clientMsgId());
                } else {
                    assertThat(((Reply.Error) r).code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    refused.add("m" + i);
                }
            }
            assertThat(refused).as("the disk filled up").isNotEmpty();
            assertThat(alice.request(new Request.Ping("p"))).as("still serving").isInstanceOf(Reply.Pong.class);

            Files.delete(filler);
            for (String id : refused) {
                Reply retry = alice.request(new Request.Send("r" + id, "bob", null, id, body));
                assertThat(retry).as("retry after space returned").isInstanceOf(Reply.SendOk.class);
                acknowledged.add(id);
            }
            assertThat(receivedIds(server.port(), bobToken)).containsExactlyElementsOf(acknowledged);
        }
        try (ConfabServer again = ConfabServer.start(ServerConfig.forTests(data))) {
            assertThat(receivedIds(again.port(), bobToken)).as("after a restart").containsExactlyElementsOf(acknowledged);
        }
        System.out.printf("disk full: %d sends acknowledged, %d refused then accepted after space returned%n",
                acknowledged.size(), refused.size());
    }

    private static List<String> receivedIds(int port, String token) {
        WsTestClient bob = WsTestClient.connect(port);
        bob.hello();
        bob.auth(token);
        List<String> ids = new ArrayList<>();
        long after = 0;
        while (true) {
            Reply.SyncOk page = bob.requestOk(new Request.Sync("y" + after, after, 500), Reply.SyncOk.class);
            page.events().stream().filter(Event.MessageEvent.class::isInstance)
                    .forEach(e -> ids.add(((Event.MessageEvent) e).message().clientMsgId()));
            if (!page.hasMore() || page.events().isEmpty()) {
                bob.close();
                return ids;
            }
            after = page.events().get(page.events().size() - 1).seq();
        }
    }

    /** Writes zeros until the file system is full, then gives back {@code leave} bytes. */
    private static void fillDisk(Path filler, long leave) throws IOException {
        try (FileChannel ch = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer chunk = ByteBuffer.allocate(1024 * 1024);
            try {
                while (true) {
                    chunk.clear();
                    ch.write(chunk);
                }
            } catch (IOException full) {
                // no space left
            }
            ch.truncate(Math.max(0, ch.size() - leave));
            ch.force(true);
        }
        try (RandomAccessFile ignored = new RandomAccessFile(filler.toFile(), "r")) {
            // the filler exists and is readable
        }
    }
}
