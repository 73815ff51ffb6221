package dev.confab.client.app;

import static dev.confab.client.app.DesktopDriver.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.support.TestServer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The banner tells the truth when the server goes away and comes back, and a message written while it was
 * away is queued visibly and delivered afterwards.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ConnectionIntegrationTest {
    @TempDir
    Path tmp;
    private TestServer server;
    private DesktopDriver alice;
    private DesktopDriver bob;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (DesktopDriver d : new DesktopDriver[] {alice, bob}) {
            if (d != null && d.stage.isShowing()) {
                d.close();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void bannerFollowsTheServerAndTheOutboxDeliversWhatWasWrittenOffline() throws Exception {
        server = TestServer.start(tmp.resolve("server"));
        bob = new DesktopDriver(tmp.resolve("bob"));
        bob.signUpThroughTheUi(server.port(), "bob", "Bob");
        alice = new DesktopDriver(tmp.resolve("alice"));
        alice.signUpThroughTheUi(server.port(), "alice", "Alice");
        await(() -> alice.text("#banner-text").equals("Connected"));

        alice.startChatWith("bob", "Bob");
        alice.sendMessage("before the outage");
        await(() -> bob.conversations().getItems().size() == 1);

        server.stop();
        await(() -> alice.text("#banner-text").matches("(Reconnecting in \\d+ s|Offline · retrying in \\d+ s).*"));
        assertThat(((Node) alice.node("#banner-retry")).isVisible()).isTrue();

        alice.sendMessage("written while offline");
        await(() -> alice.all(".delivery.sending").size() == 1
                && alice.text("#banner-text").contains("1 message waiting to send"));

        server.startAgain();
        alice.click("#banner-retry");
        await(() -> alice.text("#banner-text").equals("Connected"));
        await(() -> alice.all(".delivery.sending").isEmpty());
        bob.openFirstConversation();
        await(() -> bob.showsMessage("written while offline"));
        assertThat(bob.all(".bubble-body")).extracting(n -> ((Labeled) n).getText())
                .containsExactly("before the outage", "written while offline");
    }
}
