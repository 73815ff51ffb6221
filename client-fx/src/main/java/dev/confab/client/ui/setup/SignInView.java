package dev.confab.client.ui.setup;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** Sign in or create an account on the chosen server; Enter submits. */
public final class SignInView extends StackPane {

    public SignInView(SignInViewModel vm, Runnable changeServer) {
        setId("sign-in");
        getStyleClass().add("setup");
        Label title = new Label("Sign in to Confab");
        title.getStyleClass().add("card-title");
        Label server = new Label();
        server.getStyleClass().add("hint");
        server.textProperty().bind(vm.serverProperty().concat(""));
        ToggleGroup mode = new ToggleGroup();
        ToggleButton signIn = new ToggleButton("Sign in");
        ToggleButton create = new ToggleButton("Create account");
        signIn.setId("mode-sign-in");
        create.setId("mode-create");
        signIn.setToggleGroup(mode);
        create.setToggleGroup(mode);
        signIn.setSelected(true);
        mode.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t == null) {
                old.setSelected(true);
            } else {
                vm.creatingProperty().set(t == create);
            }
        });
        vm.creatingProperty().addListener((obs, old, creating) -> title.setText(creating
                ? "Create your Confab account" : "Sign in to Confab"));

        TextField username = field("username", "Username", vm.usernameProperty());
        PasswordField password = new PasswordField();
        password.setId("password");
        password.setPromptText("Password");
        password.textProperty().bindBidirectional(vm.passwordProperty());
        TextField display = field("display-name", "Your name as others see it (optional)", vm.displayNameProperty());
        display.visibleProperty().bind(vm.creatingProperty());
        display.managedProperty().bind(display.visibleProperty());
        TextField device = field("device-name", "This device's name", vm.deviceNameProperty());
        Label deviceHint = new Label("Device name: shown in your list of signed-in devices");
        deviceHint.getStyleClass().add("hint");

        Button submit = new Button();
        submit.setId("sign-in-submit");
        submit.textProperty().bind(javafx.beans.binding.Bindings.when(vm.creatingProperty())
                .then("Create account").otherwise("Sign in"));
        submit.getStyleClass().add("accent");
        submit.setMaxWidth(Double.MAX_VALUE);
        submit.setOnAction(e -> vm.submit());
        for (TextField f : new TextField[] {username, password, display, device}) {
            f.setOnAction(e -> vm.submit());
        }
        Label error = new Label();
        error.setId("sign-in-error");
        error.getStyleClass().add("form-error");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(22, 22);
        busy.visibleProperty().bind(vm.busyProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        Hyperlink other = new Hyperlink("Use another server");
        other.setId("change-server");
        other.setOnAction(e -> changeServer.run());

        VBox card = new VBox(title, server, new HBox(signIn, create), username, password, display, deviceHint, device,
                submit, new HBox(8, busy, error), other);
        card.getStyleClass().add("card");
        card.setMaxWidth(420);
        card.setMaxHeight(USE_PREF_SIZE);
        card.disableProperty().bind(vm.busyProperty());
        setAlignment(Pos.CENTER);
        getChildren().add(card);
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                javafx.application.Platform.runLater(username::requestFocus);
            }
        });
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(value);
        return f;
    }
}
