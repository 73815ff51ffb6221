package dev.confab.client.ui.settings;

import dev.confab.client.ui.core.Theme;
import dev.confab.protocol.Info;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Profile, appearance and notifications, devices. */
public final class SettingsView extends TabPane {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm");

    public SettingsView(SettingsViewModel vm) {
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        getTabs().addAll(new Tab("Account", account(vm)), new Tab("Appearance", appearance(vm)),
                new Tab("Devices", devices(vm)));
    }

    private static VBox account(SettingsViewModel vm) {
        TextField name = new TextField();
        name.setId("settings-display-name");
        name.textProperty().bindBidirectional(vm.displayNameProperty());
        name.setOnAction(e -> vm.saveProfile());
        Button save = new Button("Save");
        save.setId("settings-save");
        save.setOnAction(e -> vm.saveProfile());
        HBox.setHgrow(name, Priority.ALWAYS);
        PasswordField current = new PasswordField();
        current.setId("settings-current-password");
        current.setPromptText("Current password");
        current.textProperty().bindBidirectional(vm.currentPasswordProperty());
        PasswordField password = new PasswordField();
        password.setId("settings-new-password");
        password.setPromptText("New password");
        password.textProperty().bindBidirectional(vm.newPasswordProperty());
        Button change = new Button("Change password");
        change.setId("settings-change-password");
        change.setOnAction(e -> {
            javafx.scene.control.Alert ask = new javafx.scene.control.Alert(
                    javafx.scene.control.Alert.AlertType.CONFIRMATION,
                    "Changing your password signs out all your other devices. Continue?");
            ask.setHeaderText("Change password");
            ask.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).ifPresent(b -> vm.changePassword());
        });
        Label note = new Label(SettingsViewModel.PASSWORD_NOTE);
        note.getStyleClass().add("hint");
        Label status = new Label();
        status.setId("settings-status");
        status.textProperty().bind(vm.statusProperty());
        Button signOut = new Button("Sign out of this device");
        signOut.setId("settings-sign-out");
        signOut.getStyleClass().add("danger");
        signOut.setOnAction(e -> vm.signOut());
        VBox box = new VBox(10, new Label("Display name"), new HBox(8, name, save), new Label("Password"), current,
                new HBox(8, password, change), note, status, new Region(), signOut);
        box.getStyleClass().add("dialog-pane-content");
        return box;
    }

    private static VBox appearance(SettingsViewModel vm) {
        CheckBox notify = new CheckBox("Show notifications for new messages");
        notify.setId("settings-notifications");
        notify.selectedProperty().bindBidirectional(vm.notificationsProperty());
        ToggleGroup group = new ToggleGroup();
        ToggleButton light = new ToggleButton("Light");
        ToggleButton dark = new ToggleButton("Dark");
        light.setId("settings-light");
        dark.setId("settings-dark");
        light.setToggleGroup(group);
        dark.setToggleGroup(group);
        (vm.themeProperty().get() == Theme.DARK ? dark : light).setSelected(true);
        group.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t == null) {
                old.setSelected(true);
            } else {
                vm.themeProperty().set(t == dark ? Theme.DARK : Theme.LIGHT);
            }
        });
        VBox box = new VBox(12, notify, new Label("Theme"), new HBox(light, dark));
        box.getStyleClass().add("dialog-pane-content");
        return box;
    }

    private static VBox devices(SettingsViewModel vm) {
        ListView<Info.Device> list = new ListView<>(vm.devices());
        list.setId("settings-devices");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Info.Device d, boolean empty) {
                super.updateItem(d, empty);
                if (empty || d == null) {
                    setGraphic(null);
                    return;
                }
                Label name = new Label(d.name() + (d.current() ? "  (this device)" : ""));
                name.getStyleClass().add("conv-title");
                Label when = new Label((d.online() ? "online now" : "last seen "
                        + WHEN.format(Instant.ofEpochMilli(d.lastSeenAt()).atZone(ZoneId.systemDefault())))
                        + " · signed in " + WHEN.format(Instant.ofEpochMilli(d.createdAt()).atZone(ZoneId.systemDefault())));
                when.getStyleClass().add("hint");
                Region spacer = new Region();
                HBox.setHgrow(spacer, Priority.ALWAYS);
                HBox row = new HBox(10, new VBox(name, when), spacer);
                row.setAlignment(Pos.CENTER_LEFT);
                if (!d.current()) {
                    Button revoke = new Button("Sign out");
                    revoke.getStyleClass().addAll("small", "danger");
                    revoke.setOnAction(e -> vm.revoke(d));
                    row.getChildren().add(revoke);
                }
                setGraphic(row);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        Label hint = new Label("Devices signed in to your account. Signing one out ends its session at once.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        VBox box = new VBox(10, hint, list, status);
        box.getStyleClass().add("dialog-pane-content");
        return box;
    }
}
