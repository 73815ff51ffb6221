package dev.confab.client.ui.chat;

import dev.confab.client.ui.core.Avatar;
import dev.confab.client.ui.core.Delivery;
import dev.confab.client.ui.core.Icons;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** A message bubble (own on the right with its delivery status, others on the left) or a day separator. */
final class MessageCell extends ListCell<ChatRow> {
    private static final double AVATAR = 30;
    private final Consumer<String> retry;

    MessageCell(Consumer<String> retry) {
        this.retry = retry;
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(ChatRow row, boolean empty) {
        super.updateItem(row, empty);
        setText(null);
        setContextMenu(null);
        if (empty || row == null) {
            setGraphic(null);
        } else if (row instanceof ChatRow.Day day) {
            Label label = new Label(day.label());
            label.getStyleClass().add("day-separator");
            HBox box = new HBox(label);
            box.setAlignment(Pos.CENTER);
            box.setStyle("-fx-padding: 8 0 6 0;");
            setGraphic(box);
        } else if (row instanceof ChatRow.Msg msg) {
            setGraphic(message(msg));
        }
    }

    private HBox message(ChatRow.Msg msg) {
        VBox bubble = new VBox();
        bubble.getStyleClass().add("bubble");
        if (msg.own()) {
            bubble.getStyleClass().add("own");
        }
        if (msg.showSender()) {
            Label sender = new Label(msg.senderName());
            sender.getStyleClass().add("bubble-sender");
            bubble.getChildren().add(sender);
        }
        Label body = new Label(msg.body());
        body.getStyleClass().add("bubble-body");
        body.setWrapText(true);
        body.setMinHeight(Region.USE_PREF_SIZE);
        bubble.getChildren().addAll(body, meta(msg));
        bubble.maxWidthProperty().bind(widthProperty().multiply(0.68));
        bubble.setMaxHeight(Region.USE_PREF_SIZE);
        MenuItem copy = new MenuItem("Copy text");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(msg.body());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        setContextMenu(new ContextMenu(copy));
        HBox line = new HBox(8);
        if (msg.own()) {
            line.setAlignment(Pos.CENTER_RIGHT);
            line.getChildren().add(bubble);
        } else {
            line.setAlignment(Pos.TOP_LEFT);
            if (msg.showSender()) {
                line.getChildren().add(new Avatar(msg.senderName(), AVATAR));
                line.setStyle("-fx-padding: 6 0 0 0;");
            } else {
                Region gap = new Region();
                gap.setMinWidth(0);
                line.getChildren().add(gap);
            }
            line.getChildren().add(bubble);
        }
        line.setAccessibleText((msg.own() ? "You" : msg.senderName()) + ": " + msg.body());
        return line;
    }

    private HBox meta(ChatRow.Msg msg) {
        Label time = new Label(msg.time());
        time.getStyleClass().add("bubble-meta");
        HBox meta = new HBox(4, time);
        meta.setAlignment(Pos.CENTER_RIGHT);
        if (!msg.own() || msg.delivery() == null) {
            return meta;
        }
        Delivery d = msg.delivery();
        Label status = new Label(switch (d) {
            case SENDING -> "Sending";
            case SENT -> "Sent";
            case DELIVERED -> "Delivered";
            case READ -> "Read";
            case FAILED -> "Not sent";
        }, Icons.icon(switch (d) {
            case SENDING -> Feather.CLOCK;
            case SENT -> Feather.CHECK;
            case DELIVERED -> Feather.CHECK_CIRCLE;
            case READ -> Feather.EYE;
            case FAILED -> Feather.ALERT_CIRCLE;
        }, 12));
        status.getStyleClass().addAll("bubble-meta", "delivery", d.name().toLowerCase(java.util.Locale.ROOT));
        status.setId("delivery-" + msg.clientMsgId());
        meta.getChildren().add(status);
        if (d == Delivery.FAILED) {
            Hyperlink again = new Hyperlink("Retry");
            again.getStyleClass().add("bubble-meta");
            again.setOnAction(e -> retry.accept(msg.clientMsgId()));
            meta.getChildren().add(again);
        }
        return meta;
    }
}
