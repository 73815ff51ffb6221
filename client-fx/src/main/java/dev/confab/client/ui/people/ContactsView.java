package dev.confab.client.ui.people;

import dev.confab.client.ui.core.Avatar;
import dev.confab.client.ui.core.Texts;
import dev.confab.protocol.Info;
import java.time.Instant;
import java.time.ZoneId;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Find someone by username (Enter), message or add them; the contact list below, double-click to chat. */
public final class ContactsView extends VBox {
    private final ContactsViewModel vm;

    public ContactsView(ContactsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("dialog-pane-content");
        TextField query = new TextField();
        query.setId("people-query");
        query.setPromptText("Find someone by username, then Enter");
        query.textProperty().bindBidirectional(vm.queryProperty());
        query.setOnAction(e -> vm.find());
        VBox found = new VBox();
        vm.foundProperty().addListener((obs, old, user) -> found.getChildren().setAll(
                user == null ? new Region() : row(user, true)));
        Label error = new Label();
        error.getStyleClass().add("form-error");
        error.textProperty().bind(vm.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        ListView<Info.User> contacts = new ListView<>(vm.contacts());
        contacts.setId("people-contacts");
        contacts.setPlaceholder(new Label("No contacts yet."));
        contacts.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Info.User user, boolean empty) {
                super.updateItem(user, empty);
                setGraphic(empty || user == null ? null : row(user, false));
            }
        });
        contacts.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && contacts.getSelectionModel().getSelectedItem() != null) {
                vm.message(contacts.getSelectionModel().getSelectedItem());
            }
        });
        VBox.setVgrow(contacts, Priority.ALWAYS);
        Label title = new Label("Contacts");
        title.getStyleClass().add("section-title");
        getChildren().addAll(query, error, found, title, contacts);
    }

    private HBox row(Info.User user, boolean search) {
        Avatar avatar = new Avatar(ContactsViewModel.label(user), 34);
        avatar.setPresence(user.presence());
        Label name = new Label(ContactsViewModel.label(user));
        name.getStyleClass().add("conv-title");
        Label sub = new Label("@" + user.username() + " · "
                + Texts.presence(user.presence(), user.lastSeen(), Instant.now(), ZoneId.systemDefault()));
        sub.getStyleClass().add("hint");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button message = new Button("Message");
        message.getStyleClass().addAll("small", "accent");
        message.setId(search ? "people-message" : "message-" + user.username());
        message.setOnAction(e -> vm.message(user));
        HBox row = new HBox(10, avatar, new VBox(name, sub), spacer, message);
        if (search && !vm.isContact(user)) {
            Button add = new Button("Add contact");
            add.getStyleClass().add("small");
            add.setOnAction(e -> vm.add(user));
            row.getChildren().add(add);
        } else if (!search) {
            Button remove = new Button("Remove");
            remove.getStyleClass().addAll("small", "flat");
            remove.setOnAction(e -> vm.remove(user));
            row.getChildren().add(remove);
        }
        row.setAlignment(Pos.CENTER_LEFT);
        row.setStyle("-fx-padding: 4 0 4 0;");
        return row;
    }
}
