package dev.confab.client.ui.setup;

import dev.confab.protocol.Limits;
import dev.confab.protocol.ProtocolException;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Sign in, or create an account and sign in; checks what it can before asking the server. */
public final class SignInViewModel {
    private final Accounts accounts;
    private final Runnable signedIn;
    private final StringProperty username = new SimpleStringProperty(this, "username", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final StringProperty displayName = new SimpleStringProperty(this, "displayName", "");
    private final StringProperty deviceName = new SimpleStringProperty(this, "deviceName", "");
    private final BooleanProperty creating = new SimpleBooleanProperty(this, "creating");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper server = new ReadOnlyStringWrapper(this, "server", "");

    public SignInViewModel(Accounts accounts, String serverLabel, String defaultDeviceName, Runnable signedIn) {
        this.accounts = accounts;
        this.signedIn = signedIn;
        server.set(serverLabel);
        deviceName.set(defaultDeviceName);
        creating.addListener((obs, old, now) -> error.set(""));
    }

    public void submit() {
        String user = username.get().strip().toLowerCase(Locale.ROOT);
        String device = deviceName.get().isBlank() ? "Confab desktop" : deviceName.get().strip();
        String problem = check(user);
        if (problem != null) {
            error.set(problem);
            return;
        }
        busy.set(true);
        error.set("");
        var done = creating.get()
                ? accounts.register(user, password.get(), displayName.get().isBlank() ? null : displayName.get().strip())
                        .thenCompose(v -> accounts.login(user, password.get(), device))
                : accounts.login(user, password.get(), device);
        done.whenComplete((v, failure) -> {
            busy.set(false);
            if (failure == null) {
                password.set("");
                signedIn.run();
            } else {
                error.set(Failures.describe(failure));
            }
        });
    }

    private String check(String user) {
        if (user.isEmpty() || password.get().isEmpty()) {
            return "Enter your username and password.";
        }
        if (creating.get()) {
            try {
                Limits.username("username", user);
            } catch (ProtocolException e) {
                return "Usernames are 3-32 characters: a-z, 0-9, '_', '.', '-'.";
            }
            if (password.get().length() < Limits.MIN_PASSWORD_CHARS || password.get().isBlank()) {
                return "Choose a password of at least " + Limits.MIN_PASSWORD_CHARS + " characters.";
            }
        }
        return null;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty displayNameProperty() {
        return displayName;
    }

    public StringProperty deviceNameProperty() {
        return deviceName;
    }

    public BooleanProperty creatingProperty() {
        return creating;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty serverProperty() {
        return server.getReadOnlyProperty();
    }
}
