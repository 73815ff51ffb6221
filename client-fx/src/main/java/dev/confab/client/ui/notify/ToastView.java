package dev.confab.client.ui.notify;

import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The in-app toasts, stacked in the window's bottom-right corner; a click opens the conversation. */
public final class ToastView extends VBox {

    public ToastView(NotificationsViewModel vm, Consumer<Toast> open) {
        super(8);
        setId("toasts");
        setAlignment(Pos.BOTTOM_RIGHT);
        setPickOnBounds(false);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        setStyle("-fx-padding: 16 16 84 16;"); // above the composer
        vm.toasts().addListener((ListChangeListener<Toast>) c -> render(vm, open));
    }

    private void render(NotificationsViewModel vm, Consumer<Toast> open) {
        getChildren().clear();
        for (Toast toast : vm.toasts()) {
            Label title = new Label(toast.title());
            title.getStyleClass().add("toast-title");
            Label body = new Label(toast.body());
            body.getStyleClass().add("toast-body");
            body.setWrapText(true);
            VBox card = new VBox(title, body);
            card.getStyleClass().add("toast");
            card.setPrefWidth(300);
            card.setMaxWidth(300);
            card.setOnMouseClicked(e -> open.accept(toast));
            getChildren().add(card);
        }
    }
}
