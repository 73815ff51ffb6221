package dev.confab.client.ui.shell;

import dev.confab.client.ui.chat.ChatView;
import dev.confab.client.ui.chats.ConversationListView;
import dev.confab.client.ui.core.Icons;
import dev.confab.client.ui.notify.ToastView;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;

/**
 * The main window's content: sidebar (title, actions, banner, search, conversations) beside the chat, toasts
 * on top. Owns the keyboard shortcuts and the one-second tick.
 */
public final class MainView extends StackPane {
    private final MainViewModel vm;
    private final ConversationListView list;
    private final ChatView chat;
    private final Timeline ticker;

    public MainView(MainViewModel vm, Windows windows) {
        this.vm = vm;
        setId("main-view");
        this.list = new ConversationListView(vm.list());
        this.chat = new ChatView(vm.chat(), () -> windows.groupInfo(getScene().getWindow()), vm::sent);
        Label title = new Label("Confab");
        title.getStyleClass().add("app-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var newChat = Icons.button(Feather.EDIT, "New chat (Ctrl+N)", () -> windows.newChat(getScene().getWindow()));
        newChat.setId("new-chat");
        var newGroup = Icons.button(Feather.USERS, "New group", () -> windows.newGroup(getScene().getWindow()));
        newGroup.setId("new-group");
        var contacts = Icons.button(Feather.BOOK, "Contacts", () -> windows.contacts(getScene().getWindow()));
        contacts.setId("contacts");
        var settings = Icons.button(Feather.SETTINGS, "Settings", () -> windows.settings(getScene().getWindow()));
        settings.setId("settings");
        HBox top = new HBox(title, spacer, newChat, newGroup, contacts, settings);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("sidebar-top");
        VBox sidebar = new VBox(top, new BannerView(vm.banner(), windows::signInAgain), list);
        VBox.setVgrow(list, Priority.ALWAYS);
        sidebar.getStyleClass().add("sidebar");
        sidebar.setMinWidth(260);

        VBox placeholder = placeholder();
        placeholder.visibleProperty().bind(vm.chat().openProperty().not());
        StackPane right = new StackPane(placeholder, chat);
        chat.visibleProperty().bind(vm.chat().openProperty());
        SplitPane split = new SplitPane(sidebar, right);
        split.setDividerPositions(0.32);
        SplitPane.setResizableWithParent(sidebar, false);

        ToastView toasts = new ToastView(vm.notifications(), vm::openToast);
        StackPane.setAlignment(toasts, Pos.BOTTOM_RIGHT);
        getChildren().addAll(split, toasts);
        vm.list().selectedProperty().addListener((obs, old, item) -> {
            if (item != null && (old == null || !old.key().equals(item.key()))) {
                chat.scrollToEnd();
            }
        });
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                install(scene, windows);
            }
        });
    }

    public void dispose() {
        ticker.stop();
        vm.stop();
    }

    private VBox placeholder() {
        Label heading = new Label("Welcome to Confab");
        heading.getStyleClass().add("empty-title");
        Label hint = new Label("Pick a chat on the left, or start a new one.\n"
                + "Ctrl+K search · Ctrl+Tab next chat · Ctrl+N new chat");
        hint.getStyleClass().add("empty-state");
        hint.setStyle("-fx-text-alignment: center;");
        VBox box = new VBox(8, heading, hint);
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private void install(Scene scene, Windows windows) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            boolean next = (e.isControlDown() && e.getCode() == KeyCode.TAB && !e.isShiftDown())
                    || (e.isAltDown() && e.getCode() == KeyCode.DOWN);
            boolean previous = (e.isControlDown() && e.getCode() == KeyCode.TAB && e.isShiftDown())
                    || (e.isAltDown() && e.getCode() == KeyCode.UP);
            if (next || previous) {
                e.consume();
                vm.list().selectRelative(next ? 1 : -1);
                chat.focusComposer();
            }
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), list::focusSearch);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), list::focusSearch);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN),
                () -> windows.newChat(scene.getWindow()));
        scene.windowProperty().addListener((obs, old, window) -> {
            if (window != null) {
                window.focusedProperty().addListener((o, was, focused) -> vm.setWindowFocused(focused));
            }
        });
        vm.list().selectedProperty().addListener((obs, old, item) -> {
            if (item != null) {
                chat.focusComposer();
            }
        });
    }
}
