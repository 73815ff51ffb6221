package dev.confab.client.ui.settings;

import dev.confab.client.ui.core.ChatGateway;
import dev.confab.client.ui.core.Theme;
import dev.confab.client.ui.setup.Failures;
import dev.confab.protocol.Info;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Settings: profile (display name), notifications, theme, this account's devices (revoke the others), and
 * changing the password (which signs out the other devices), and signing out.
 */
public final class SettingsViewModel {
    public static final String PASSWORD_NOTE = "Changing the password signs out all your other devices.";

    private final ChatGateway gateway;
    private final BooleanProperty notifications;
    private final ObjectProperty<Theme> theme;
    private final Runnable signedOut;
    private final StringProperty displayName = new SimpleStringProperty(this, "displayName", "");
    private final ObservableList<Info.Device> devices = FXCollections.observableArrayList();
    private final StringProperty currentPassword = new SimpleStringProperty(this, "currentPassword", "");
    private final StringProperty newPassword = new SimpleStringProperty(this, "newPassword", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    /** {@code notifications} and {@code theme} are the app's own preferences, saved by whoever owns them. */
    public SettingsViewModel(ChatGateway gateway, BooleanProperty notifications, ObjectProperty<Theme> theme,
                             Runnable signedOut) {
        this.gateway = gateway;
        this.notifications = notifications;
        this.theme = theme;
        this.signedOut = signedOut;
    }

    public void load() {
        gateway.me().ifPresent(me -> gateway.findUser(me).thenAccept(u -> displayName.set(
                u.displayName() == null ? "" : u.displayName())));
        gateway.devices().whenComplete((list, failure) -> {
            if (failure != null) {
                status.set("Devices need a connection to the server.");
            } else {
                devices.setAll(sorted(list));
            }
        });
    }

    public void saveProfile() {
        String value = displayName.get().strip();
        if (value.isEmpty()) {
            status.set("The display name cannot be empty.");
            return;
        }
        gateway.setProfile(value).whenComplete((v, failure) ->
                status.set(failure == null ? "Saved." : Failures.describe(failure)));
    }

    /** Checks the new password locally, then asks the server; the other devices are signed out on success. */
    public void changePassword() {
        if (currentPassword.get().isEmpty()) {
            status.set("Enter your current password.");
            return;
        }
        String next = newPassword.get();
        if (next.length() < dev.confab.protocol.Limits.MIN_PASSWORD_CHARS || next.isBlank()) {
            status.set("Choose a new password of at least " + dev.confab.protocol.Limits.MIN_PASSWORD_CHARS
                    + " characters.");
            return;
        }
        gateway.changePassword(currentPassword.get(), next).whenComplete((v, failure) -> {
            if (failure != null) {
                status.set(Failures.describe(failure));
            } else {
                currentPassword.set("");
                newPassword.set("");
                devices.removeIf(d -> !d.current());
                status.set("Password changed. Your other devices were signed out.");
            }
        });
    }

    public StringProperty currentPasswordProperty() {
        return currentPassword;
    }

    public StringProperty newPasswordProperty() {
        return newPassword;
    }

    public void revoke(Info.Device device) {
        if (device.current()) {
            return;
        }
        gateway.revokeDevice(device.deviceId()).whenComplete((v, failure) -> {
            if (failure != null) {
                status.set(Failures.describe(failure));
            } else {
                devices.removeIf(d -> d.deviceId() == device.deviceId());
                status.set("Signed out \"" + device.name() + "\".");
            }
        });
    }

    public void signOut() {
        gateway.logout().whenComplete((v, failure) -> signedOut.run());
    }

    private static List<Info.Device> sorted(List<Info.Device> list) {
        return list.stream().sorted((a, b) -> a.current() != b.current() ? (a.current() ? -1 : 1)
                : Long.compare(b.lastSeenAt(), a.lastSeenAt())).toList();
    }

    public StringProperty displayNameProperty() {
        return displayName;
    }

    public BooleanProperty notificationsProperty() {
        return notifications;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public ObservableList<Info.Device> devices() {
        return devices;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
