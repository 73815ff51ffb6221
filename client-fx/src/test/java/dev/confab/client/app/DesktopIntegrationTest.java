package dev.confab.client.app;

import static dev.confab.client.app.DesktopDriver.await;
import static dev.confab.client.app.DesktopDriver.in;
import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.support.TestServer;
import dev.confab.client.ui.chats.ConversationItem;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window (headless Monocle) against a real server in this JVM: sign up, start a chat, send and
 * receive between two apps, unread badges, a group, signing in on another device, reopening the app.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DesktopIntegrationTest {
    @TempDir
    Path tmp;
    private TestServer server;
    private final java.util.List<DesktopDriver> apps = new java.util.ArrayList<>();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private DesktopDriver app(String name) throws Exception {
        DesktopDriver d = new DesktopDriver(tmp.resolve(name));
        apps.add(d);
        return d;
    }

    @AfterEach
    void tearDown() throws Exception {
        for (DesktopDriver d : apps) {
            if (d.stage.isShowing()) {
                d.close();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twoPeopleChatGroupUpAndComeBack() throws Exception {
        server = TestServer.start(tmp.resolve("server"));
        DesktopDriver alice = app("alice");
        alice.signUpThroughTheUi(server.port(), "alice", "Alice Liddell");
        DesktopDriver bob = app("bob");
        bob.signUpThroughTheUi(server.port(), "bob", "Bob Builder");
        await(() -> bob.text("#banner-text").equals("Connected"));

        // Alice starts a chat with Bob from "New chat" and sends with Enter.
        alice.startChatWith("bob", "Bob Builder");
        alice.sendMessage("Hi Bob!");
        await(() -> alice.showsMessage("Hi Bob!"));

        // Bob gets it with an unread badge and the count in the title; opening the chat clears both.
        await(() -> bob.conversations().getItems().size() == 1 && bob.all(".unread-badge").stream()
                .anyMatch(n -> n.isVisible() && "1".equals(((Labeled) n).getText())));
        assertThat(bob.title()).isEqualTo("(1) Confab");
        bob.openFirstConversation();
        await(() -> bob.showsMessage("Hi Bob!") && bob.title().equals("Confab"));
        await(() -> bob.all(".unread-badge").stream().noneMatch(javafx.scene.Node::isVisible));

        // Alice's message turns "Read"; Bob answers and Alice sees it.
        await(() -> alice.all(".delivery.read").size() == 1);
        bob.sendMessage("Hello Alice, good to see you");
        await(() -> alice.showsMessage("Hello Alice, good to see you"));

        // A group: Alice names it, adds Bob, creates it and writes; Bob sees it in his list.
        alice.click("#new-group");
        Stage group = alice.dialog();
        WaitForAsyncUtils.asyncFx(() -> {
            ((TextInputControl) in(group, "#group-name")).setText("Project X");
            ((TextInputControl) in(group, "#group-member")).setText("bob");
        });
        alice.clickIn(group, "#group-add-member");
        await(() -> ((javafx.scene.control.ListView<?>) in(group, "#group-members")).getItems().contains("bob"));
        alice.clickIn(group, "#group-create");
        await(() -> !group.isShowing() && alice.text("#chat-title").equals("Project X"));
        alice.sendMessage("Welcome to the project");
        await(() -> bob.conversations().getItems().stream()
                .anyMatch(i -> ((ConversationItem) i).title().equals("Project X") && ((ConversationItem) i).unread() == 1));
        await(() -> bob.title().equals("(1) Confab"));

        // Alice signs in on a second desktop: her chats come with her.
        DesktopDriver laptop = app("alice-laptop");
        laptop.chooseServer(server.port());
        laptop.fill("#username", "alice");
        laptop.fill("#password", "correct horse alice");
        laptop.fill("#device-name", "alice-laptop");
        laptop.click("#sign-in-submit");
        await(() -> laptop.exists("#main-view") && laptop.conversations().getItems().size() == 2);

        // Reopening the first app goes straight to the cached chats, without signing in.
        alice.close();
        alice.open();
        await(() -> alice.exists("#main-view") && alice.conversations().getItems().size() == 2);
        assertThat(alice.exists("#sign-in")).isFalse();
    }
}
