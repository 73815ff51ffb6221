package dev.confab.client.ui.group;

import dev.confab.client.ui.core.ChatGateway;
import dev.confab.client.ui.setup.Failures;
import dev.confab.protocol.Event;
import dev.confab.protocol.Info;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** A group's details: members (admins add and remove), rename, leave. Follows group events while open. */
public final class GroupInfoViewModel implements ChatGateway.Listener {
    private final ChatGateway gateway;
    private final Runnable left;
    private final long conversationId;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty candidate = new SimpleStringProperty(this, "candidate", "");
    private final ObservableList<Info.Member> members = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper admin = new ReadOnlyBooleanWrapper(this, "admin");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    /** @param left runs after the user left the group */
    public GroupInfoViewModel(ChatGateway gateway, Info.Conversation group, Runnable left) {
        this.gateway = gateway;
        this.left = left;
        this.conversationId = group.conversationId();
        update(group);
    }

    public void rename() {
        String value = name.get().strip();
        if (!value.isEmpty()) {
            apply(gateway.renameGroup(conversationId, value));
        }
    }

    public void addCandidate() {
        String username = candidate.get().strip().toLowerCase(Locale.ROOT);
        if (!username.isEmpty()) {
            apply(gateway.addMembers(conversationId, List.of(username)).thenApply(c -> {
                candidate.set("");
                return c;
            }));
        }
    }

    public void remove(Info.Member member) {
        apply(gateway.removeMember(conversationId, member.username()));
    }

    public void leave() {
        gateway.leaveGroup(conversationId).whenComplete((v, failure) -> {
            if (failure != null) {
                error.set(Failures.describe(failure));
            } else {
                left.run();
            }
        });
    }

    public boolean isMe(Info.Member member) {
        return member.username().equals(gateway.me().orElse(""));
    }

    @Override
    public void onEvents(List<Event> events) {
        for (Event e : events) {
            if (e instanceof Event.GroupEvent g && g.conversation().conversationId() == conversationId) {
                update(g.conversation());
            }
        }
    }

    private void apply(CompletableFuture<Info.Conversation> change) {
        change.whenComplete((group, failure) -> {
            if (failure != null) {
                error.set(Failures.describe(failure));
            } else {
                error.set("");
                update(group);
            }
        });
    }

    private void update(Info.Conversation group) {
        name.set(group.name() == null ? "" : group.name());
        members.setAll(group.members());
        String me = gateway.me().orElse("");
        admin.set(group.members().stream().anyMatch(m -> m.username().equals(me) && "admin".equals(m.role())));
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty candidateProperty() {
        return candidate;
    }

    public ObservableList<Info.Member> members() {
        return members;
    }

    public ReadOnlyBooleanProperty adminProperty() {
        return admin.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
