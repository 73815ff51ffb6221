package dev.confab.client.ui.group;

import dev.confab.client.ui.core.Avatar;
import dev.confab.protocol.Info;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Rename, members with add and remove (admins), leave. */
public final class GroupInfoView extends VBox {

    public GroupInfoView(GroupInfoViewModel vm) {
        getStyleClass().add("dialog-pane-content");
        TextField name = new TextField();
        name.setId("info-name");
        name.textProperty().bindBidirectional(vm.nameProperty());
        name.setOnAction(e -> vm.rename());
        Button rename = new Button("Rename");
        rename.setId("info-rename");
        rename.setOnAction(e -> vm.rename());
        HBox.setHgrow(name, Priority.ALWAYS);
        TextField candidate = new TextField();
        candidate.setId("info-add-name");
        candidate.setPromptText("Username to add");
        candidate.textProperty().bindBidirectional(vm.candidateProperty());
        candidate.setOnAction(e -> vm.addCandidate());
        Button add = new Button("Add");
        add.setId("info-add");
        add.setOnAction(e -> vm.addCandidate());
        HBox.setHgrow(candidate, Priority.ALWAYS);
        HBox addRow = new HBox(8, candidate, add);
        addRow.visibleProperty().bind(vm.adminProperty());
        addRow.managedProperty().bind(addRow.visibleProperty());
        ListView<Info.Member> members = new ListView<>(vm.members());
        members.setId("info-members");
        members.setCellFactory(v -> new MemberCell(vm));
        VBox.setVgrow(members, Priority.ALWAYS);
        Label error = new Label();
        error.getStyleClass().add("form-error");
        error.textProperty().bind(vm.errorProperty());
        Button leave = new Button("Leave group");
        leave.setId("info-leave");
        leave.getStyleClass().add("danger");
        leave.setOnAction(e -> vm.leave());
        Label title = new Label("Members");
        title.getStyleClass().add("section-title");
        getChildren().addAll(new HBox(8, name, rename), title, addRow, members, error, leave);
    }

    private static final class MemberCell extends ListCell<Info.Member> {
        private final GroupInfoViewModel vm;

        MemberCell(GroupInfoViewModel vm) {
            this.vm = vm;
        }

        @Override
        protected void updateItem(Info.Member m, boolean empty) {
            super.updateItem(m, empty);
            if (empty || m == null) {
                setGraphic(null);
                return;
            }
            String label = (m.displayName() == null ? m.username() : m.displayName()) + (vm.isMe(m) ? " (you)" : "");
            Label name = new Label(label);
            Label role = new Label("admin".equals(m.role()) ? "admin" : "@" + m.username());
            role.getStyleClass().add("hint");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox row = new HBox(10, new Avatar(label, 30), new VBox(name, role), spacer);
            row.setAlignment(Pos.CENTER_LEFT);
            if (vm.adminProperty().get() && !vm.isMe(m)) {
                Button remove = new Button("Remove");
                remove.getStyleClass().addAll("small", "flat", "danger");
                remove.setOnAction(e -> vm.remove(m));
                row.getChildren().add(remove);
            }
            setGraphic(row);
        }
    }
}
