package dev.confab.client.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

class RowDiffTest {

    private static List<String> changes(List<String> from, List<String> to) {
        ObservableList<String> list = FXCollections.observableArrayList(from);
        List<String> seen = new ArrayList<>();
        list.addListener((ListChangeListener<String>) c -> {
            while (c.next()) {
                seen.add(c.getFrom() + (c.wasReplaced() ? " replaced" : c.wasAdded() ? " added " + c.getAddedSize()
                        : " removed " + c.getRemovedSize()));
            }
        });
        RowDiff.apply(list, to);
        assertThat(list).containsExactlyElementsOf(to);
        return seen;
    }

    @Test
    void appendingTouchesOnlyTheEnd() {
        assertThat(changes(List.of("a", "b"), List.of("a", "b", "c"))).containsExactly("2 added 1");
    }

    @Test
    void prependingAnOlderPageInsertsAtTheTop() {
        assertThat(changes(List.of("day", "c", "d"), List.of("day", "a", "b", "c", "d"))).containsExactly("1 added 2");
    }

    @Test
    void aChangedRowIsReplacedInPlace() {
        assertThat(changes(List.of("a", "b", "c"), List.of("a", "B", "c"))).containsExactly("1 replaced");
    }

    @Test
    void identicalListsFireNothing() {
        assertThat(changes(List.of("a", "b"), List.of("a", "b"))).isEmpty();
    }
}
