package dev.confab.client.ui.people;

import dev.confab.client.ui.core.ChatGateway;
import dev.confab.client.ui.setup.Failures;
import dev.confab.protocol.Event;
import dev.confab.protocol.Info;
import dev.confab.protocol.ServerFrame;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Contacts, and finding anyone on the server by username to start a chat or add them. Serves both the
 * "New chat" and the "Contacts" windows.
 */
public final class ContactsViewModel implements ChatGateway.Listener {
    private final ChatGateway gateway;
    private final Consumer<Info.User> message;
    private final ObservableList<Info.User> contacts = FXCollections.observableArrayList();
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ReadOnlyObjectWrapper<Info.User> found = new ReadOnlyObjectWrapper<>(this, "found");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    /** @param message opens the 1:1 chat with a user */
    public ContactsViewModel(ChatGateway gateway, Consumer<Info.User> message) {
        this.gateway = gateway;
        this.message = message;
    }

    public void load() {
        gateway.contacts().whenComplete((list, failure) -> {
            if (failure != null) {
                error.set("Contacts need a connection to the server.");
            } else {
                contacts.setAll(list.stream().sorted(Comparator.comparing(ContactsViewModel::label)).toList());
            }
        });
    }

    /** Looks the typed username up on the server. */
    public void find() {
        String username = query.get().strip().toLowerCase(Locale.ROOT);
        if (username.isEmpty()) {
            return;
        }
        gateway.findUser(username).whenComplete((user, failure) -> {
            found.set(failure == null ? user : null);
            error.set(failure == null ? "" : Failures.describe(failure));
        });
    }

    public void message(Info.User user) {
        message.accept(user);
    }

    public void add(Info.User user) {
        gateway.addContact(user.username()).whenComplete((v, failure) -> {
            if (failure != null) {
                error.set(Failures.describe(failure));
            } else {
                load();
            }
        });
    }

    public void remove(Info.User user) {
        gateway.removeContact(user.username()).whenComplete((v, failure) -> {
            if (failure != null) {
                error.set(Failures.describe(failure));
            } else {
                contacts.removeIf(u -> u.username().equals(user.username()));
            }
        });
    }

    public boolean isContact(Info.User user) {
        return contacts.stream().anyMatch(u -> u.username().equals(user.username()));
    }

    @Override
    public void onEvents(List<Event> events) {
        if (events.stream().anyMatch(e -> e instanceof Event.ContactEvent || e instanceof Event.ProfileEvent)) {
            load();
        }
    }

    @Override
    public void onPresence(ServerFrame.Presence p) {
        for (int i = 0; i < contacts.size(); i++) {
            Info.User u = contacts.get(i);
            if (u.username().equals(p.username())) {
                contacts.set(i, new Info.User(u.username(), u.displayName(), p.status(), p.lastSeen()));
            }
        }
    }

    public static String label(Info.User user) {
        return user.displayName() == null || user.displayName().isBlank() ? user.username() : user.displayName();
    }

    public ObservableList<Info.User> contacts() {
        return contacts;
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ReadOnlyObjectProperty<Info.User> foundProperty() {
        return found.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
