package dev.confab.client.ui.group;

import dev.confab.client.ui.core.ChatGateway;
import dev.confab.client.ui.setup.Failures;
import dev.confab.protocol.Limits;
import java.util.Locale;
import java.util.function.LongConsumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** A new group: a name and members, each checked with the server as it is added. */
public final class NewGroupViewModel {
    private final ChatGateway gateway;
    private final LongConsumer created;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty candidate = new SimpleStringProperty(this, "candidate", "");
    private final ObservableList<String> members = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    /** @param created hears the new group's conversation id */
    public NewGroupViewModel(ChatGateway gateway, LongConsumer created) {
        this.gateway = gateway;
        this.created = created;
    }

    public void addCandidate() {
        String username = candidate.get().strip().toLowerCase(Locale.ROOT);
        if (username.isEmpty() || members.contains(username) || username.equals(gateway.me().orElse(""))) {
            candidate.set("");
            return;
        }
        busy.set(true);
        gateway.findUser(username).whenComplete((user, failure) -> {
            busy.set(false);
            if (failure != null) {
                error.set("No user called " + username + ".");
            } else {
                error.set("");
                members.add(user.username());
                candidate.set("");
            }
        });
    }

    public void remove(String username) {
        members.remove(username);
    }

    public void create() {
        String groupName = name.get().strip();
        if (groupName.isEmpty() || groupName.length() > Limits.MAX_GROUP_NAME_CHARS) {
            error.set("Give the group a name (up to " + Limits.MAX_GROUP_NAME_CHARS + " characters).");
            return;
        }
        busy.set(true);
        gateway.createGroup(groupName, java.util.List.copyOf(members)).whenComplete((group, failure) -> {
            busy.set(false);
            if (failure != null) {
                error.set(Failures.describe(failure));
            } else {
                created.accept(group.conversationId());
            }
        });
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty candidateProperty() {
        return candidate;
    }

    public ObservableList<String> members() {
        return members;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
