package dev.confab.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.ui.setup.ServerFinder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * One desktop app in the test JVM: its own window and data directory, driven like a person would (clicks,
 * typing, Enter), with every wait bounded.
 */
final class DesktopDriver implements AutoCloseable {
    static final int WAIT_SECONDS = 15;

    final FxRobot robot = new FxRobot();
    final Path dataDir;
    Stage stage;
    AppShell shell;

    DesktopDriver(Path dataDir) throws Exception {
        this.dataDir = dataDir;
        open();
    }

    /** Opens (or reopens, after {@link #close}) the app on its data directory. */
    void open() throws Exception {
        stage = FxToolkit.registerStage(Stage::new);
        shell = WaitForAsyncUtils.asyncFx(() -> {
            AppShell s = new AppShell(stage, new DataDirs(dataDir), ServerFinder.none(), Clock.systemDefaultZone());
            s.start();
            return s;
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        front();
    }

    void signUpThroughTheUi(int port, String user, String displayName) throws Exception {
        chooseServer(port);
        click("#mode-create");
        fill("#username", user);
        fill("#password", "correct horse " + user);
        fill("#display-name", displayName);
        click("#sign-in-submit");
        await(() -> exists("#main-view"));
    }

    void chooseServer(int port) throws Exception {
        await(() -> exists("#server-choice"));
        fill("#server-address", "127.0.0.1:" + port);
        click("#server-connect");
        await(() -> exists("#sign-in"));
    }

    /** "New chat": find the user by username (Enter), then "Message"; the chat opens. */
    void startChatWith(String username, String expectedTitle) throws Exception {
        click("#new-chat");
        Stage people = dialog();
        TextInputControl query = in(people, "#people-query");
        WaitForAsyncUtils.asyncFx(() -> query.setText(username));
        clickIn(people, "#people-query");
        robot.type(KeyCode.ENTER);
        await(() -> new FxRobot().from(people.getScene().getRoot()).lookup("#people-message").tryQuery().isPresent());
        clickIn(people, "#people-message");
        await(() -> !people.isShowing() && text("#chat-title").equals(expectedTitle));
    }

    /** Clicks the first conversation of the list. */
    void openFirstConversation() {
        front();
        robot.clickOn(all(".conversation-list .list-cell").stream()
                .filter(n -> ((javafx.scene.control.ListCell<?>) n).getItem() != null).findFirst().orElseThrow());
    }

    /** Brings this window to the front and gives it the focus, as clicking into it would. */
    void front() {
        WaitForAsyncUtils.asyncFx(() -> {
            stage.toFront();
            stage.requestFocus();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    <T extends Node> T node(String query) {
        return robot.from(stage.getScene().getRoot()).lookup(query).query();
    }

    boolean exists(String query) {
        return robot.from(stage.getScene().getRoot()).lookup(query).tryQuery().isPresent();
    }

    void click(String query) {
        front();
        robot.clickOn((Node) node(query));
    }

    void fill(String query, String text) {
        TextInputControl field = node(query);
        WaitForAsyncUtils.asyncFx(() -> field.setText(text));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Types a message into the composer and presses Enter, as a person would. */
    void sendMessage(String text) {
        front();
        robot.clickOn((Node) node("#composer"));
        robot.write(text);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The first open dialog window of this app (new chat, new group, ...). */
    Stage dialog() throws TimeoutException {
        await(() -> robot.listWindows().stream().anyMatch(w -> w instanceof Stage s && s.getOwner() == stage));
        return (Stage) robot.listWindows().stream().filter(w -> w instanceof Stage s && s.getOwner() == stage)
                .findFirst().orElseThrow();
    }

    static <T extends Node> T in(Window window, String query) {
        return new FxRobot().from(window.getScene().getRoot()).lookup(query).query();
    }

    void clickIn(Window window, String query) {
        WaitForAsyncUtils.asyncFx(window::requestFocus);
        robot.clickOn((Node) in(window, query));
    }

    String text(String query) {
        return ((Labeled) node(query)).getText();
    }

    Set<Node> all(String query) {
        return robot.from(stage.getScene().getRoot()).lookup(query).queryAll();
    }

    /** Whether the message list shows a bubble with this body. */
    boolean showsMessage(String body) {
        return all(".bubble-body").stream().anyMatch(n -> body.equals(((Labeled) n).getText()));
    }

    ListView<?> conversations() {
        return node("#conversations");
    }

    String title() {
        return stage.getTitle();
    }

    static void await(Callable<Boolean> condition) throws TimeoutException {
        long start = System.nanoTime();
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return WaitForAsyncUtils.asyncFx(condition).get();
            });
        } catch (TimeoutException e) {
            Screenshots.saveAllWindows(Path.of("target", "testfx-failures"));
            throw e;
        }
        System.err.printf("await %d ms at %s%n", (System.nanoTime() - start) / 1_000_000,
                new Throwable().getStackTrace()[1]);
    }

    static void fire(Button button) {
        WaitForAsyncUtils.asyncFx(button::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Override
    public void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            shell.close();
            stage.close();
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(stage.isShowing()).isFalse();
    }
}
