package dev.confab.client.ui.chat;

import java.util.List;

/**
 * Brings a list to a new content by replacing only the part between the common prefix and suffix, so a new
 * message, a status change or an older page touches only the rows it concerns and the list keeps its scroll.
 */
final class RowDiff {
    private RowDiff() {
    }

    static <T> void apply(List<T> current, List<T> wanted) {
        int prefix = 0;
        int max = Math.min(current.size(), wanted.size());
        while (prefix < max && current.get(prefix).equals(wanted.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < max - prefix
                && current.get(current.size() - 1 - suffix).equals(wanted.get(wanted.size() - 1 - suffix))) {
            suffix++;
        }
        List<T> middle = wanted.subList(prefix, wanted.size() - suffix);
        int end = current.size() - suffix;
        if (end - prefix == middle.size()) {
            for (int i = 0; i < middle.size(); i++) {
                current.set(prefix + i, middle.get(i));
            }
            return;
        }
        current.subList(prefix, end).clear();
        current.addAll(prefix, middle);
    }
}
