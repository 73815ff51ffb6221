package dev.confab.client.app;

import static dev.confab.client.app.DesktopDriver.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.confab.client.support.Device;
import dev.confab.client.support.TestServer;
import dev.confab.client.ui.chats.ConversationItem;
import dev.confab.client.ui.core.Theme;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes the screenshots in docs/screenshots from the real window (headless, scene.snapshot). Runs only when
 * asked: {@code mvn -pl client-fx test -Dtest=ScreenshotsTest -Dconfab.screenshots=$PWD/docs/screenshots}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScreenshotsTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void mainScreensLightAndDark() throws Exception {
        String target = System.getProperty("confab.screenshots", "");
        assumeTrue(!target.isBlank() && !target.startsWith("${"), "set -Dconfab.screenshots=DIR to write screenshots");
        Path out = Path.of(target);
        try (TestServer server = TestServer.start(tmp.resolve("server"))) {
            Device bob = person(server, "bob", "Bob Martin");
            Device carol = person(server, "carol", "Carol Chen");
            Device dave = person(server, "dave", "Dave Okafor");

            DesktopDriver first = new DesktopDriver(tmp.resolve("first"));
            Screenshots.save(first.stage.getScene(), out.resolve("server-choice-light.png"));
            first.chooseServer(server.port());
            Screenshots.save(first.stage.getScene(), out.resolve("sign-in-light.png"));
            first.close();

            DesktopDriver alice = new DesktopDriver(tmp.resolve("alice"));
            alice.signUpThroughTheUi(server.port(), "alice", "Alice Liddell");
            dave.send("alice", "Are we still on for Friday?");
            carol.client().createGroup("Design review", List.of("alice", "bob"), true).get(10, TimeUnit.SECONDS);
            await(() -> alice.conversations().getItems().size() == 2);
            long group = ((ConversationItem) alice.conversations().getItems().stream()
                    .filter(i -> ((ConversationItem) i).group()).findFirst().orElseThrow()).conversationId();
            carol.client().sendToConversation(group, "Mock-ups for the new settings screen are up.");
            bob.client().sendToConversation(group, "Looks great. The dark theme needs more contrast on the badges.");
            carol.client().sendToConversation(group, "Good catch, I'll fix it today.");
            bob.send("alice", "Hi Alice! Did you get the report?");
            bob.send("alice", "No rush, whenever you have a minute.");
            await(() -> alice.conversations().getItems().size() == 3);

            alice.startChatWith("bob", "Bob Martin");
            alice.sendMessage("Yes, thanks! Reading it now.");
            await(() -> alice.all(".delivery.read").size() == 0 && alice.showsMessage("Yes, thanks! Reading it now."));
            bob.client().markRead(alice.shell == null ? 0 : conversationOf(alice, "Bob Martin"), Long.MAX_VALUE / 2)
                    .exceptionally(e -> null);
            bob.send("alice", "Great, let me know what you think.");
            await(() -> alice.showsMessage("Great, let me know what you think."));
            Screenshots.save(alice.stage.getScene(), out.resolve("chat-light.png"));

            select(alice, "Design review");
            await(() -> alice.showsMessage("Good catch, I'll fix it today."));
            Screenshots.save(alice.stage.getScene(), out.resolve("group-light.png"));

            WaitForAsyncUtils.asyncFx(Theme.DARK::apply).get();
            WaitForAsyncUtils.waitForFxEvents();
            Screenshots.save(alice.stage.getScene(), out.resolve("group-dark.png"));
            select(alice, "Bob Martin");
            await(() -> alice.showsMessage("Great, let me know what you think."));
            Screenshots.save(alice.stage.getScene(), out.resolve("chat-dark.png"));
            WaitForAsyncUtils.asyncFx(Theme.LIGHT::apply).get();
            alice.close();
            for (Device d : new Device[] {bob, carol, dave}) {
                d.close();
            }
        }
    }

    private static Device person(TestServer server, String user, String name) throws Exception {
        Device d = Device.create(user, user + "-phone", Path.of(System.getProperty("java.io.tmpdir"),
                "confab-shots-" + user + "-" + System.nanoTime()), server.port(), c -> c).open();
        d.register();
        d.login();
        dev.confab.client.support.People.awaitOnline(d);
        d.client().setProfile(name).get(10, TimeUnit.SECONDS);
        return d;
    }

    private static long conversationOf(DesktopDriver d, String title) {
        return d.conversations().getItems().stream().map(ConversationItem.class::cast)
                .filter(i -> i.title().equals(title)).findFirst().orElseThrow().conversationId();
    }

    private static void select(DesktopDriver d, String title) throws Exception {
        ListView<?> list = d.conversations();
        WaitForAsyncUtils.asyncFx(() -> list.getItems().stream().filter(i -> ((ConversationItem) i).title().equals(title))
                .findFirst().ifPresent(i -> list.getSelectionModel().select(list.getItems().indexOf(i)))).get();
        WaitForAsyncUtils.waitForFxEvents();
    }
}
