package dev.confab.client.ui.shell;

import dev.confab.client.ui.chats.ConversationItem;
import dev.confab.client.ui.core.ChatGateway;
import dev.confab.client.ui.core.Dialogs;
import dev.confab.client.ui.core.Theme;
import dev.confab.client.ui.group.GroupInfoView;
import dev.confab.client.ui.group.GroupInfoViewModel;
import dev.confab.client.ui.group.NewGroupView;
import dev.confab.client.ui.group.NewGroupViewModel;
import dev.confab.client.ui.people.ContactsView;
import dev.confab.client.ui.people.ContactsViewModel;
import dev.confab.client.ui.settings.SettingsView;
import dev.confab.client.ui.settings.SettingsViewModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Opens the feature windows of the main screen, each with its own view model on the shared gateway. */
public final class Windows {
    private final ChatGateway gateway;
    private final MainViewModel main;
    private final BooleanProperty notifications;
    private final ObjectProperty<Theme> theme;
    private final Runnable signInAgain;

    /** @param signInAgain leaves the main window for the sign-in screen (after signing out, or when signed out) */
    public Windows(ChatGateway gateway, MainViewModel main, BooleanProperty notifications, ObjectProperty<Theme> theme,
                   Runnable signInAgain) {
        this.gateway = gateway;
        this.main = main;
        this.notifications = notifications;
        this.theme = theme;
        this.signInAgain = signInAgain;
    }

    public void newChat(Window owner) {
        people(owner, "New chat");
    }

    public void contacts(Window owner) {
        people(owner, "Contacts");
    }

    private void people(Window owner, String title) {
        Stage[] stage = new Stage[1];
        ContactsViewModel vm = new ContactsViewModel(gateway, user -> {
            main.list().openDirect(user.username(), ContactsViewModel.label(user));
            stage[0].close();
        });
        stage[0] = Dialogs.show(owner, title, new ContactsView(vm), 420, 520);
        listenWhileOpen(stage[0], vm);
        vm.load();
    }

    public void newGroup(Window owner) {
        Stage[] stage = new Stage[1];
        NewGroupViewModel vm = new NewGroupViewModel(gateway, id -> {
            stage[0].close();
            main.list().refresh();
            main.list().openConversation(id);
        });
        stage[0] = Dialogs.show(owner, "New group", new NewGroupView(vm), 420, 480);
    }

    public void groupInfo(Window owner) {
        ConversationItem item = main.list().selectedProperty().get();
        if (item == null || !item.group()) {
            return;
        }
        main.list().conversation(item.conversationId()).ifPresent(group -> {
            Stage[] stage = new Stage[1];
            GroupInfoViewModel vm = new GroupInfoViewModel(gateway, group, () -> {
                stage[0].close();
                main.list().select(null);
                gateway.refreshConversations();
            });
            stage[0] = Dialogs.show(owner, "Group info", new GroupInfoView(vm), 420, 540);
            listenWhileOpen(stage[0], vm);
        });
    }

    public void settings(Window owner) {
        Stage[] stage = new Stage[1];
        SettingsViewModel vm = new SettingsViewModel(gateway, notifications, theme, () -> {
            stage[0].close();
            signInAgain.run();
        });
        stage[0] = Dialogs.show(owner, "Settings", new SettingsView(vm), 480, 560);
        vm.load();
    }

    public void signInAgain() {
        signInAgain.run();
    }

    private void listenWhileOpen(Stage stage, ChatGateway.Listener listener) {
        gateway.addListener(listener);
        stage.setOnHidden(e -> gateway.removeListener(listener));
    }
}
