package dev.modeldock.ui.page;

import java.util.Arrays;
import java.util.List;

/** A form's tags field: tags separated by commas or spaces, as people type them. */
final class TagsField {
    private TagsField() {
    }

    /** The tags in {@code text}, in order; blank gives none. The registry checks each. */
    static List<String> parse(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[,\\s]+")).filter(t -> !t.isEmpty()).toList();
    }

    /** Tags as the field shows them again. */
    static String format(List<String> tags) {
        return String.join(", ", tags);
    }
}
