package dev.confab.client.ui.shell;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The connection banner at the top of the sidebar; its colour follows the banner level. */
final class BannerView extends HBox {

    BannerView(BannerViewModel vm, Runnable signIn) {
        getStyleClass().add("banner");
        setId("connection-banner");
        Label text = new Label();
        text.setId("banner-text");
        text.getStyleClass().add("banner-text");
        text.textProperty().bind(vm.textProperty());
        text.setWrapText(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox.setHgrow(text, Priority.SOMETIMES);
        Button retry = new Button("Retry now");
        retry.setId("banner-retry");
        retry.getStyleClass().addAll("small", "flat");
        retry.visibleProperty().bind(vm.retryVisibleProperty());
        retry.managedProperty().bind(retry.visibleProperty());
        retry.setOnAction(e -> vm.retry());
        Button signInButton = new Button("Sign in");
        signInButton.getStyleClass().addAll("small", "flat");
        signInButton.visibleProperty().bind(vm.signInVisibleProperty());
        signInButton.managedProperty().bind(signInButton.visibleProperty());
        signInButton.setOnAction(e -> signIn.run());
        getChildren().addAll(text, spacer, retry, signInButton);
        vm.levelProperty().addListener((obs, old, level) -> style(level));
        style(vm.levelProperty().get());
    }

    private void style(BannerViewModel.Level level) {
        getStyleClass().removeAll("banner-ok", "banner-degraded", "banner-down");
        getStyleClass().add(switch (level) {
            case OK -> "banner-ok";
            case DEGRADED -> "banner-degraded";
            case DOWN -> "banner-down";
        });
    }
}
