package dev.confab.client.ui.group;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Name the group, add members by username (Enter adds), create. */
public final class NewGroupView extends VBox {

    public NewGroupView(NewGroupViewModel vm) {
        getStyleClass().add("dialog-pane-content");
        TextField name = new TextField();
        name.setId("group-name");
        name.setPromptText("Group name");
        name.textProperty().bindBidirectional(vm.nameProperty());
        TextField member = new TextField();
        member.setId("group-member");
        member.setPromptText("Add a member by username, then Enter");
        member.textProperty().bindBidirectional(vm.candidateProperty());
        member.setOnAction(e -> vm.addCandidate());
        Button add = new Button("Add");
        add.setId("group-add-member");
        add.setOnAction(e -> vm.addCandidate());
        HBox.setHgrow(member, Priority.ALWAYS);
        ListView<String> members = new ListView<>(vm.members());
        members.setId("group-members");
        members.setPlaceholder(new Label("Nobody added yet: it is fine to start alone."));
        members.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(String username, boolean empty) {
                super.updateItem(username, empty);
                if (empty || username == null) {
                    setGraphic(null);
                    return;
                }
                Button remove = new Button("Remove");
                remove.getStyleClass().addAll("small", "flat");
                remove.setOnAction(e -> vm.remove(username));
                Region spacer = new Region();
                HBox.setHgrow(spacer, Priority.ALWAYS);
                setGraphic(new HBox(new Label(username), spacer, remove));
            }
        });
        VBox.setVgrow(members, Priority.ALWAYS);
        Label error = new Label();
        error.getStyleClass().add("form-error");
        error.textProperty().bind(vm.errorProperty());
        Button create = new Button("Create group");
        create.setId("group-create");
        create.setDefaultButton(false);
        create.getStyleClass().add("accent");
        create.disableProperty().bind(vm.busyProperty());
        create.setOnAction(e -> vm.create());
        create.setMaxWidth(Double.MAX_VALUE);
        getChildren().addAll(new Label("Name"), name, new Label("Members"), new HBox(8, member, add), members, error,
                create);
    }
}
