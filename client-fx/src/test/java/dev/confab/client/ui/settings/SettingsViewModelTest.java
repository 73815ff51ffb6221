package dev.confab.client.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.ui.FakeGateway;
import dev.confab.client.ui.core.Theme;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

class SettingsViewModelTest {
    private final FakeGateway gateway = new FakeGateway("alice");
    private final SettingsViewModel vm = new SettingsViewModel(gateway, new SimpleBooleanProperty(true),
            new SimpleObjectProperty<>(Theme.LIGHT), () -> { });

    @Test
    void passwordChangeNeedsTheCurrentPasswordAndALongEnoughNewOne() {
        vm.newPasswordProperty().set("long enough now");
        vm.changePassword();
        assertThat(vm.statusProperty().get()).isEqualTo("Enter your current password.");

        vm.currentPasswordProperty().set("old password");
        vm.newPasswordProperty().set("short");
        vm.changePassword();
        assertThat(vm.statusProperty().get()).contains("at least 8 characters");
        assertThat(gateway.calls).noneMatch(c -> c.startsWith("changePassword"));
    }

    @Test
    void aChangedPasswordClearsTheFieldsAndSaysTheOtherDevicesWereSignedOut() {
        vm.currentPasswordProperty().set("old password");
        vm.newPasswordProperty().set("new password 1");

        vm.changePassword();

        assertThat(gateway.calls).contains("changePassword old password -> new password 1");
        assertThat(vm.currentPasswordProperty().get()).isEmpty();
        assertThat(vm.newPasswordProperty().get()).isEmpty();
        assertThat(vm.statusProperty().get()).isEqualTo("Password changed. Your other devices were signed out.");
    }

    @Test
    void anEmptyDisplayNameIsNotSaved() {
        vm.displayNameProperty().set("   ");
        vm.saveProfile();

        assertThat(vm.statusProperty().get()).isEqualTo("The display name cannot be empty.");
        assertThat(gateway.calls).noneMatch(c -> c.startsWith("setProfile"));
    }
}
