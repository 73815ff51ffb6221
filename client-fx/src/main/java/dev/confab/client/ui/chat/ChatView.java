package dev.confab.client.ui.chat;

import dev.confab.client.ui.core.Avatar;
import dev.confab.client.ui.core.Icons;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The open chat: header, virtualised message list (older pages load when scrolled to the top), composer
 * (Enter sends, Shift+Enter starts a new line).
 */
public final class ChatView extends BorderPane {
    private final ChatViewModel vm;
    private final ListView<ChatRow> list = new ListView<>();
    private final TextArea composer = new TextArea();
    private final StackPane avatarSlot = new StackPane();
    private boolean anchorOlder;

    /** @param info opens the group info (or the contact) of the chat shown */
    public ChatView(ChatViewModel vm, Runnable info, Runnable sent) {
        this.vm = vm;
        setId("chat-view");
        setTop(header(info));
        list.setId("messages");
        list.getStyleClass().add("message-list");
        list.setItems(vm.rows());
        list.setCellFactory(v -> new MessageCell(vm::retry));
        list.setFocusTraversable(false);
        Label empty = new Label("No messages here yet. Say hello!");
        empty.getStyleClass().add("empty-state");
        list.setPlaceholder(empty);
        vm.rows().addListener(this::rowsChanged);
        list.skinProperty().addListener((obs, old, skin) -> watchTop());
        Label error = new Label();
        error.getStyleClass().add("chat-error");
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        setCenter(list);
        setBottom(new VBox(error, composer(sent)));
    }

    public void focusComposer() {
        composer.requestFocus();
    }

    /** Scrolls to the newest message (a new chat was opened). */
    public void scrollToEnd() {
        if (!vm.rows().isEmpty()) {
            list.scrollTo(vm.rows().size() - 1);
        }
    }

    private HBox header(Runnable info) {
        ChatHeader h = vm.header();
        Label title = new Label();
        title.setId("chat-title");
        title.getStyleClass().add("chat-title");
        title.textProperty().bind(h.titleProperty());
        Label subtitle = new Label();
        subtitle.setId("chat-subtitle");
        subtitle.getStyleClass().add("chat-subtitle");
        subtitle.textProperty().bind(h.subtitleProperty());
        h.typingProperty().addListener((obs, old, typing) -> {
            if (typing) {
                subtitle.getStyleClass().add("typing");
            } else {
                subtitle.getStyleClass().remove("typing");
            }
        });
        h.titleProperty().addListener((obs, old, t) -> avatar());
        h.presenceProperty().addListener((obs, old, p) -> avatar());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button infoButton = Icons.button(Feather.INFO, "Group info", info);
        infoButton.setId("group-info");
        infoButton.visibleProperty().bind(h.groupProperty());
        HBox header = new HBox(avatarSlot, new VBox(1, title, subtitle), spacer, infoButton);
        header.getStyleClass().add("chat-header");
        return header;
    }

    private void avatar() {
        Avatar a = new Avatar(vm.header().titleProperty().get(), 38);
        a.setPresence(vm.header().presenceProperty().get());
        avatarSlot.getChildren().setAll(a);
    }

    private HBox composer(Runnable sent) {
        composer.setId("composer");
        composer.setPromptText("Write a message…");
        composer.setWrapText(true);
        composer.setPrefRowCount(1);
        composer.disableProperty().bind(vm.canSendProperty().not());
        composer.textProperty().addListener((obs, old, text) -> {
            vm.composing(text);
            composer.setPrefRowCount((int) Math.min(6, Math.max(1, text.lines().count())));
        });
        composer.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                if (e.isShiftDown()) {
                    composer.insertText(composer.getCaretPosition(), "\n");
                } else {
                    send(sent);
                }
            }
        });
        Button send = Icons.button(Feather.SEND, "Send (Enter)", () -> send(sent));
        send.setId("send");
        send.getStyleClass().add("accent");
        send.disableProperty().bind(vm.canSendProperty().not());
        HBox.setHgrow(composer, Priority.ALWAYS);
        HBox box = new HBox(composer, send);
        box.getStyleClass().add("composer");
        box.setAlignment(Pos.BOTTOM_CENTER);
        return box;
    }

    private void send(Runnable sent) {
        if (vm.send(composer.getText())) {
            composer.clear();
            sent.run();
            scrollToEnd();
        }
    }

    private void rowsChanged(ListChangeListener.Change<? extends ChatRow> c) {
        while (c.next()) {
            if (c.wasAdded() && anchorOlder && c.getFrom() <= 1 && c.getTo() < vm.rows().size()) {
                anchorOlder = false;
                list.scrollTo(c.getTo());
                return;
            }
            if (c.wasAdded() && c.getTo() == vm.rows().size()) {
                list.scrollTo(vm.rows().size() - 1);
            }
        }
    }

    private void watchTop() {
        javafx.application.Platform.runLater(() -> list.lookupAll(".scroll-bar").stream()
                .filter(n -> n instanceof ScrollBar s && s.getOrientation() == Orientation.VERTICAL)
                .map(ScrollBar.class::cast).findFirst()
                .ifPresent(bar -> bar.valueProperty().addListener((obs, old, value) -> {
                    if (value.doubleValue() <= bar.getMin() && old.doubleValue() > value.doubleValue()
                            && vm.hasOlderProperty().get()) {
                        anchorOlder = true;
                        vm.loadOlder();
                    }
                })));
    }
}
