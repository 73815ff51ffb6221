package dev.confab.client.ui.chats;

import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The search box and the conversation list; selecting a row opens it. */
public final class ConversationListView extends VBox {
    private final TextField search = new TextField();
    private final ListView<ConversationItem> list = new ListView<>();

    public ConversationListView(ConversationListViewModel vm) {
        search.setId("search");
        search.setPromptText("Search  (Ctrl+K)");
        search.textProperty().bindBidirectional(vm.filterProperty());
        search.setOnAction(e -> {
            if (!vm.items().isEmpty()) {
                vm.select(vm.items().get(0));
            }
        });
        search.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                search.clear();
                list.requestFocus();
            }
        });
        StackPane searchBox = new StackPane(search);
        searchBox.getStyleClass().add("search-box");

        list.setId("conversations");
        list.getStyleClass().add("conversation-list");
        list.setItems(vm.items());
        list.setCellFactory(v -> new ConversationCell());
        Label empty = new Label("No chats yet.\nStart one with the pencil button.");
        empty.getStyleClass().add("empty-state");
        empty.setWrapText(true);
        list.setPlaceholder(empty);
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null && (vm.selectedProperty().get() == null || !vm.selectedProperty().get().equals(item))) {
                vm.select(item);
            }
        });
        vm.selectedProperty().addListener((obs, old, item) -> showSelection(item, true));
        // A list must not be selected in while it reports a change: catch up right after.
        vm.items().addListener((javafx.collections.ListChangeListener<ConversationItem>) c ->
                javafx.application.Platform.runLater(() -> showSelection(vm.selectedProperty().get(), false)));
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(searchBox, list);
    }

    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    private void showSelection(ConversationItem item, boolean scroll) {
        if (item == null) {
            list.getSelectionModel().clearSelection();
            return;
        }
        int index = list.getItems().indexOf(item);
        if (index >= 0 && list.getSelectionModel().getSelectedIndex() != index) {
            list.getSelectionModel().select(index);
            if (scroll) {
                list.scrollTo(Math.max(0, index - 3));
            }
        }
    }
}
