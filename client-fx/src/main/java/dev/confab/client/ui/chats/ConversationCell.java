package dev.confab.client.ui.chats;

import dev.confab.client.ui.core.Avatar;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** A conversation row: avatar with presence dot, title and time, preview and unread badge. */
final class ConversationCell extends ListCell<ConversationItem> {
    private final Label title = new Label();
    private final Label time = new Label();
    private final Label preview = new Label();
    private final Label badge = new Label();
    private final HBox row = new HBox(10);
    private final HBox top = new HBox(6);
    private final HBox bottom = new HBox(6);

    ConversationCell() {
        title.getStyleClass().add("conv-title");
        time.getStyleClass().add("conv-time");
        preview.getStyleClass().add("conv-preview");
        badge.getStyleClass().add("unread-badge");
        badge.managedProperty().bind(badge.visibleProperty());
        badge.setMinWidth(Region.USE_PREF_SIZE);
        time.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        top.getChildren().addAll(title, spacer, time);
        Region spacer2 = new Region();
        HBox.setHgrow(spacer2, Priority.ALWAYS);
        bottom.getChildren().addAll(preview, spacer2, badge);
        top.setAlignment(Pos.CENTER_LEFT);
        bottom.setAlignment(Pos.CENTER_LEFT);
        title.setMinWidth(0);
        preview.setMinWidth(0);
        row.setAlignment(Pos.CENTER_LEFT);
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(ConversationItem item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        Avatar avatar = new Avatar(item.title(), 42);
        avatar.setPresence(item.presence());
        title.setText(item.title());
        time.setText(item.time());
        preview.setText(item.preview());
        badge.setText(item.unread() > 99 ? "99+" : Long.toString(item.unread()));
        badge.setVisible(item.unread() > 0);
        VBox text = new VBox(3, top, bottom);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMinWidth(0);
        row.getChildren().setAll(avatar, text);
        setGraphic(row);
        setAccessibleText(item.title() + (item.unread() > 0 ? ", " + item.unread() + " unread" : ""));
    }
}
