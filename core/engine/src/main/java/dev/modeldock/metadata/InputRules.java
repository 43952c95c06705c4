package dev.modeldock.metadata;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.TensorSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How model inputs become the attributes a scoring operator names: through the {@code input}
 * mapping, or, for inputs it leaves out, by their own tensor names ({@code [batch, 1]} only).
 */
final class InputRules {
    private static final Set<DataType> SUPPORTED = Set.of(DataType.STRING, DataType.FLOAT, DataType.DOUBLE,
            DataType.FLOAT16, DataType.INT8, DataType.INT16, DataType.INT32, DataType.INT64, DataType.UINT8,
            DataType.UINT16, DataType.UINT32, DataType.UINT64, DataType.BOOL);

    /** The most scalar values all inputs together may hold per row. */
    private static final int MAX_INPUT_VALUES = 4096;

    private InputRules() {
    }

    /** Checks the inputs and returns the attribute names they give, in order. */
    static List<String> check(ModelSignature signature, OnnxMetadata metadata, MlFunction function,
            List<MetadataProblem> problems) {
        Map<String, List<Object>> mapping = metadata.input() == null ? Map.of() : metadata.input();
        List<String> attributes = new ArrayList<>();
        for (Map.Entry<String, List<Object>> entry : mapping.entrySet()) {
            String field = "input." + entry.getKey();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < entry.getValue().size(); i++) {
                if (entry.getValue().get(i) instanceof String text) {
                    names.add(text);
                } else {
                    problems.add(MetadataProblem.error(OracleErrors.INPUT_NOT_STRING_ARRAY, field + "[" + i + "]",
                            "attribute name " + entry.getValue().get(i) + " is not a string.",
                            "Write every attribute name as a JSON string."));
                }
            }
            TensorSpec tensor = signature.input(entry.getKey()).orElse(null);
            if (tensor == null) {
                problems.add(MetadataProblem.error(OracleErrors.INPUT_NOT_MODEL_INPUT, field, "\"" + entry.getKey()
                        + "\" is not an input of the model; its inputs are " + names(signature.inputs()) + ".",
                        "Use the model input's exact name as the key."));
                continue;
            }
            long width = tensor.rowWidth();
            if (width > 0 && names.size() == entry.getValue().size() && names.size() != width) {
                problems.add(MetadataProblem.error(OracleErrors.INPUT_NAME_COUNT, field, "input \"" + tensor.name()
                        + "\" " + tensor.describe() + " holds " + width + " value(s) per row but " + names.size()
                        + " attribute name(s) are given.", "Give exactly " + width + " attribute name(s), one per value."));
            }
            attributes.addAll(names);
        }
        for (TensorSpec tensor : signature.inputs()) {
            checkType(tensor, problems);
            if (!mapping.containsKey(tensor.name())) {
                if (tensor.rowWidth() != 1) {
                    problems.add(MetadataProblem.error(OracleErrors.INPUT_NEEDS_NAMES, "input." + tensor.name(), "input \"" + tensor.name()
                            + "\" " + tensor.describe() + " is not [batch, 1], so its tensor name cannot serve as"
                            + " the attribute name.", "Map it in \"input\" with one attribute name per value."));
                }
                attributes.add(tensor.name());
            }
        }
        long values = signature.inputs().stream().mapToLong(t -> Math.max(1, t.rowWidth())).sum();
        if (values > MAX_INPUT_VALUES) {
            problems.add(MetadataProblem.error(OracleErrors.TOO_MANY_INPUT_VALUES, "input", "the model's inputs hold "
                    + values + " values per row; Oracle allows at most " + MAX_INPUT_VALUES + ".",
                    "Reduce the number of input features."));
        }
        checkAttributes(attributes, function, problems);
        checkDefaultOnNull(metadata, attributes, problems);
        return attributes;
    }

    private static void checkType(TensorSpec tensor, List<MetadataProblem> problems) {
        if (tensor.isTensor() && !SUPPORTED.contains(tensor.type())) {
            problems.add(MetadataProblem.error(OracleErrors.UNSUPPORTED_TYPE, tensor.name(), "input \"" + tensor.name()
                    + "\" has element type " + tensor.type() + ", which no SQL type maps to.",
                    "Export the model with string, boolean, integer or floating-point inputs."));
        }
    }

    private static void checkAttributes(List<String> attributes, MlFunction function, List<MetadataProblem> problems) {
        Set<String> seen = new HashSet<>();
        for (String attribute : attributes) {
            OracleNames.identifierProblem(attribute, OracleNames.MAX_IDENTIFIER_BYTES).ifPresent(why ->
                    problems.add(MetadataProblem.error(OracleErrors.INVALID_ATTRIBUTE_NAME, "input", "attribute name "
                            + why + ".", "Choose attribute names that are valid Oracle column names, e.g. DATA.")));
            if (!seen.add(OracleNames.canonical(attribute))) {
                problems.add(MetadataProblem.error(OracleErrors.UNDOCUMENTED, "input", "attribute name '"
                        + attribute + "' is used twice (Oracle compares them uppercase).",
                        "Give every attribute a distinct name."));
            }
        }
        if (function == MlFunction.EMBEDDING && attributes.size() != 1) {
            problems.add(MetadataProblem.error(OracleErrors.INVALID_EMBEDDING_METADATA, "input", "an embedding model takes"
                    + " exactly one attribute, but the inputs give " + attributes.size() + ": " + attributes + ".",
                    "Give the model one string input mapped to one attribute, e.g. {\"input\": [\"DATA\"]}."));
        }
    }

    private static void checkDefaultOnNull(OnnxMetadata metadata, List<String> attributes,
            List<MetadataProblem> problems) {
        if (metadata.defaultOnNull() == null) {
            return;
        }
        Set<String> known = new HashSet<>();
        attributes.forEach(a -> known.add(OracleNames.canonical(a)));
        metadata.defaultOnNull().forEach((attribute, value) -> {
            if (!known.contains(OracleNames.canonical(attribute))) {
                problems.add(MetadataProblem.error(OracleErrors.DEFAULT_ON_NULL_NOT_ATTRIBUTE, "defaultOnNull." + attribute,
                        "\"" + attribute + "\" is not an attribute of the model; attributes are " + attributes + ".",
                        "Key defaultOnNull by attribute names."));
            }
            if (!(value instanceof String)) {
                problems.add(MetadataProblem.error(OracleErrors.DEFAULT_ON_NULL_VALUE, "defaultOnNull." + attribute,
                        "the default " + value + " is not a string.", "Write the default as a string holding a valid"
                                + " NVL value, e.g. \"0\" or \"'unknown'\"."));
            }
        });
    }

    private static List<String> names(List<TensorSpec> tensors) {
        return tensors.stream().map(TensorSpec::name).toList();
    }
}
