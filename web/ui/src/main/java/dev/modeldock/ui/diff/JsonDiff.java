package dev.modeldock.ui.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Two JSON documents compared value by value: each is flattened to paths
 * ({@code post_processors[0].type}, {@code sourceFiles["onnx/model.onnx"]}) whose leaves are JSON
 * text, and every path of either is one row. Leaves are kept as JSON text so that {@code "1"} and
 * {@code 1} differ, as they do to Oracle. Rows keep A's order, then what only B has in B's order.
 */
public final class JsonDiff {
    /** A key that can stand after a dot; any other is written in brackets as a JSON string. */
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");

    /** How a path's value changed from A to B. */
    public enum Change {
        SAME, CHANGED, ADDED, REMOVED;

        /** The CSS class and word the page shows: same, changed, added, removed. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One path.
     *
     * @param a the value in A as JSON text; null when A does not have the path
     * @param b the value in B as JSON text; null when B does not have the path
     */
    public record Row(String path, String a, String b, Change change) {
        public boolean differs() {
            return change != Change.SAME;
        }
    }

    private JsonDiff() {
    }

    /** Every path of {@code a} or {@code b} (either may be null: a document the version does not have). */
    public static List<Row> of(JsonNode a, JsonNode b) {
        Map<String, String> left = flatten(a);
        Map<String, String> right = flatten(b);
        Set<String> paths = new LinkedHashSet<>(left.keySet());
        paths.addAll(right.keySet());
        List<Row> rows = new ArrayList<>(paths.size());
        for (String path : paths) {
            String before = left.get(path);
            String after = right.get(path);
            Change change = before == null ? Change.ADDED : after == null ? Change.REMOVED
                    : before.equals(after) ? Change.SAME : Change.CHANGED;
            rows.add(new Row(path, before, after, change));
        }
        return rows;
    }

    /** The rows that differ. */
    public static List<Row> differences(List<Row> rows) {
        return rows.stream().filter(Row::differs).toList();
    }

    /** Leaves by path; an empty object or array is a leaf ({@code {}}, {@code []}); the root alone is {@code $}. */
    static Map<String, String> flatten(JsonNode node) {
        Map<String, String> leaves = new LinkedHashMap<>();
        if (node != null && !node.isMissingNode()) {
            flatten("", node, leaves);
        }
        return leaves;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> leaves) {
        if (node.isObject() && node.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(child(path, field.getKey()), field.getValue(), leaves);
            }
        } else if (node.isArray() && node.size() > 0) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), leaves);
            }
        } else {
            leaves.put(path.isEmpty() ? "$" : path, node.toString());
        }
    }

    private static String child(String path, String key) {
        if (PLAIN_KEY.matcher(key).matches()) {
            return path.isEmpty() ? key : path + "." + key;
        }
        return path + "[" + com.fasterxml.jackson.databind.node.TextNode.valueOf(key) + "]";
    }
}
