package dev.confab.client.ui.setup;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** First start: connect to a server by address or from the LAN list, or host one on this computer. */
public final class ServerChoiceView extends StackPane {

    public ServerChoiceView(ServerChoiceViewModel vm) {
        setId("server-choice");
        getStyleClass().add("setup");
        Label title = new Label("Welcome to Confab");
        title.getStyleClass().add("card-title");
        Label intro = new Label("Chat with people on your network. Join a server someone runs, or host one here.");
        intro.setWrapText(true);
        intro.getStyleClass().add("hint");

        TextField address = new TextField();
        address.setId("server-address");
        address.setPromptText("Server address, e.g. 192.168.1.20 or chat.local:8080");
        address.textProperty().bindBidirectional(vm.addressProperty());
        address.setOnAction(e -> vm.connect());
        Button connect = new Button("Connect");
        connect.setId("server-connect");
        connect.getStyleClass().add("accent");
        connect.setOnAction(e -> vm.connect());
        HBox.setHgrow(address, Priority.ALWAYS);

        ListView<ServerFinder.FoundServer> found = new ListView<>(vm.found());
        found.setId("server-found");
        found.setPrefHeight(90);
        found.setPlaceholder(new Label("No servers announced on the network yet."));
        found.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(ServerFinder.FoundServer s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.name() + "  ·  " + s.address().getAuthority());
            }
        });
        found.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && found.getSelectionModel().getSelectedItem() != null) {
                vm.pick(found.getSelectionModel().getSelectedItem());
            }
        });

        CheckBox lan = new CheckBox("Let other computers on the network join");
        lan.setId("server-lan");
        lan.selectedProperty().bindBidirectional(vm.lanProperty());
        Button host = new Button("Host a server on this computer");
        host.setId("server-host");
        host.setOnAction(e -> vm.hostHere());
        Label hostHint = new Label("The server runs while Confab is open; its data stays on this computer.");
        hostHint.getStyleClass().add("hint");
        hostHint.setWrapText(true);

        Label error = new Label();
        error.setId("server-error");
        error.getStyleClass().add("form-error");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(22, 22);
        busy.visibleProperty().bind(vm.busyProperty());

        Label joinTitle = new Label("Join a server");
        joinTitle.getStyleClass().add("section-title");
        Label lanTitle = new Label("Found on your network");
        lanTitle.getStyleClass().add("hint");
        Label hostTitle = new Label("Or host one");
        hostTitle.getStyleClass().add("section-title");
        VBox card = new VBox(title, intro, joinTitle, new HBox(8, address, connect), lanTitle, found,
                new Separator(), hostTitle, hostHint, lan, host, new HBox(8, busy, error));
        card.getStyleClass().add("card");
        card.setMaxWidth(520);
        card.setMaxHeight(USE_PREF_SIZE);
        card.disableProperty().bind(vm.busyProperty());
        setAlignment(Pos.CENTER);
        getChildren().add(card);
    }
}
