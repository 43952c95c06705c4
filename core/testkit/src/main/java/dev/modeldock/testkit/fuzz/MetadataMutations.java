package dev.modeldock.testkit.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Mutations of an import metadata document: on its JSON tree (wrong types, unknown and missing
 * keys, huge, empty and odd strings, nested structures) and on its text and bytes (duplicate keys,
 * truncation, deep nesting, other roots, invalid UTF-8, a document over the upload limit).
 */
final class MetadataMutations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MetadataMutations() {
    }

    /** What a mutation made, and its description. */
    record Result(byte[] bytes, String description) {
    }

    static Result mutate(FuzzRandom dice, String metadata) {
        if (dice.chance(0.55)) {
            JsonNode tree = read(metadata);
            String description = mutateTree(dice, tree);
            return new Result(write(tree).getBytes(StandardCharsets.UTF_8), description);
        }
        return mutateText(dice, metadata);
    }

    private static String mutateTree(FuzzRandom dice, JsonNode tree) {
        List<ContainerNode<?>> containers = new ArrayList<>();
        collect(tree, containers);
        ContainerNode<?> container = dice.pick(containers);
        JsonNode value = value(dice);
        if (container instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            int what = dice.below(3);
            if (what == 0 || keys.isEmpty()) {
                String key = dice.chance(0.5) ? dice.string() : dice.pick(List.of("function", "input", "features",
                        "normalizeProb", "embeddingOutput", "pooling", "languages", "suppressWarnings"));
                object.set(key, value);
                return "metadata key " + FuzzText.brief(key) + " = " + FuzzText.brief(value.toString());
            }
            String key = dice.pick(keys);
            if (what == 1) {
                object.remove(key);
                return "metadata key " + key + " removed";
            }
            object.set(key, value);
            return "metadata key " + key + " = " + FuzzText.brief(value.toString());
        }
        ArrayNode array = (ArrayNode) container;
        if (array.size() > 0 && dice.chance(0.5)) {
            array.set(dice.below(array.size()), value);
        } else {
            // Thousands of entries, but of a short value: the document stays well within the upload limit.
            int copies = dice.chance(0.2) ? dice.between(1_000, 20_000) : 1;
            JsonNode entry = copies == 1 ? value : NODES.textNode("F" + dice.below(10));
            for (int i = 0; i < copies; i++) {
                array.add(entry);
            }
        }
        return "metadata array now has " + array.size() + " entries, the last "
                + FuzzText.brief(array.get(array.size() - 1).toString());
    }

    private static void collect(JsonNode node, List<ContainerNode<?>> containers) {
        if (node instanceof ContainerNode<?> container) {
            containers.add(container);
            node.elements().forEachRemaining(child -> collect(child, containers));
        }
    }

    /** A value of any JSON type, often the wrong one for the key it goes to. */
    private static JsonNode value(FuzzRandom dice) {
        return switch (dice.below(9)) {
            case 0 -> NODES.textNode(dice.string());
            case 1 -> NODES.numberNode(dice.edgeNumber());
            case 2 -> NODES.numberNode(new BigInteger("9".repeat(dice.between(20, 400))));
            case 3 -> NODES.numberNode(dice.pick(List.of(1e308, -0.0, 0.5, 1e-320)));
            case 4 -> NODES.booleanNode(dice.chance(0.5));
            case 5 -> NODES.nullNode();
            case 6 -> NODES.arrayNode().add(dice.string()).add(NODES.objectNode().put("x", 1));
            case 7 -> NODES.objectNode().set(dice.string(), NODES.objectNode().put("function", "regression"));
            default -> NODES.arrayNode();
        };
    }

    private static Result mutateText(FuzzRandom dice, String metadata) {
        String text = switch (dice.below(9)) {
            case 0 -> metadata.replaceFirst("\\{", "{\"function\": \"clustering\", ");
            case 1 -> metadata.substring(0, dice.below(metadata.length()));
            case 2 -> nested(dice.between(10, 5_000), dice.chance(0.5));
            case 3 -> dice.pick(List.of("[]", "\"x\"", "42", "null", "true", "", " ", "{}", "{", "}", "[{}]"));
            case 4 -> "\ufeff" + metadata;
            case 5 -> metadata + dice.pick(List.of("}", " x", ",", "{}", "\u0000"));
            case 6 -> metadata.replace("\"", "'").replace(": \"", ": NaN, \"x\": \"");
            case 7 -> metadata.replaceFirst("\\{", "{/* comment */ \"input\": " + nested(dice.between(2, 2_000), false)
                    + ", ");
            default -> null;
        };
        if (text != null) {
            return new Result(text.getBytes(StandardCharsets.UTF_8), "metadata text mutated to "
                    + FuzzText.brief(text));
        }
        byte[] bytes = metadata.getBytes(StandardCharsets.UTF_8);
        if (dice.chance(0.05)) {
            // Just over the 4 MB a metadata part may hold: whitespace, so that only its size is wrong.
            String padded = metadata.replaceFirst("\\{", "{" + " ".repeat((4 << 20) + 1));
            return new Result(padded.getBytes(StandardCharsets.UTF_8), "metadata padded past 4 MB");
        }
        if (dice.chance(0.5)) {
            int at = dice.below(bytes.length);
            bytes[at] = (byte) dice.pick(List.of(0xc3, 0xff, 0xed, 0x80, 0xf8)).intValue();
            return new Result(bytes, "metadata byte " + at + " made invalid UTF-8");
        }
        ByteMutations.Result mutated = ByteMutations.mutate(dice, bytes, bytes);
        return new Result(mutated.bytes(), "metadata bytes: " + mutated.description());
    }

    /** {@code depth} arrays or objects, one inside the other. */
    private static String nested(int depth, boolean objects) {
        return (objects ? "{\"a\":" : "[").repeat(depth) + "1" + (objects ? "}" : "]").repeat(depth);
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a seed's metadata is not JSON", e);
        }
    }

    private static String write(JsonNode tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
