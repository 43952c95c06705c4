package dev.modeldock.metadata;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.TensorSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Proposes metadata for a model from its signature and function: an explicit input mapping with
 * valid attribute names, and the outputs each function needs, chosen by type, shape and name.
 * The proposal is a starting point to review; the checker still has the last word.
 */
public final class MetadataProposer {
    private static final Set<DataType> FLOATS = Set.of(DataType.FLOAT, DataType.DOUBLE, DataType.FLOAT16);
    /** What the checker accepts as an embedding output. */
    private static final Set<DataType> EMBEDDINGS = Set.of(DataType.FLOAT, DataType.DOUBLE, DataType.INT8);

    private MetadataProposer() {
    }

    public static OnnxMetadata propose(ModelSignature signature, MlFunction function) {
        Map<String, List<Object>> input = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (TensorSpec tensor : signature.inputs()) {
            input.put(tensor.name(), attributeNames(tensor, function, signature.inputs().size(), taken));
        }
        String embedding = null;
        String regression = null;
        String probabilities = null;
        String labels = null;
        String distances = null;
        String clusterProbabilities = null;
        switch (function) {
            case EMBEDDING -> embedding = pick(signature, "embedding", t -> EMBEDDINGS.contains(t.type())
                    && t.fixedDimensions().size() == 1);
            case REGRESSION -> regression = pick(signature, "regression", t -> FLOATS.contains(t.type())
                    || isInteger(t));
            case CLASSIFICATION -> {
                probabilities = pick(signature, "prob", t -> FLOATS.contains(t.type()) && t.rowWidth() != 1);
                long classes = probabilities == null ? -1 : signature.output(probabilities).orElseThrow().rowWidth();
                // Only an output holding one label per class qualifies, not a predicted label per row.
                labels = optional(signature, "label", t -> (t.type() == DataType.STRING || isInteger(t))
                        && t.variableDimensions() == 0 && classes > 0
                        && t.fixedDimensions().stream().reduce(1L, (a, b) -> a * b) == classes);
            }
            case CLUSTERING -> {
                distances = pick(signature, "dist", t -> FLOATS.contains(t.type()));
                String chosen = distances;
                clusterProbabilities = optional(signature, "prob", t -> FLOATS.contains(t.type())
                        && !t.name().equals(chosen));
            }
        }
        return new OnnxMetadata(function.jsonName(), input, regression, probabilities, labels, distances,
                clusterProbabilities, embedding, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * One name for a [batch, 1] input, NAME_1..NAME_n for a wider one; DATA for an embedding's text.
     * Names already {@code taken} (compared as Oracle compares them) get a numbered suffix.
     */
    private static List<Object> attributeNames(TensorSpec tensor, MlFunction function, int inputs, Set<String> taken) {
        if (function == MlFunction.EMBEDDING && inputs == 1) {
            return List.of(PipelineMetadata.ATTRIBUTE);
        }
        String base = identifier(tensor.name());
        long width = tensor.rowWidth();
        List<Object> names = new ArrayList<>();
        if (width <= 1) {
            names.add(unique(base, taken));
            return names;
        }
        for (int i = 1; i <= width; i++) {
            names.add(unique(OracleNames.truncateToBytes(base, OracleNames.MAX_IDENTIFIER_BYTES - 12) + "_" + i, taken));
        }
        return names;
    }

    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int i = 2; !taken.add(OracleNames.canonical(candidate)); i++) {
            candidate = OracleNames.truncateToBytes(name, OracleNames.MAX_IDENTIFIER_BYTES - 8) + "_" + i;
        }
        return candidate;
    }

    /** A tensor name made into a valid unquoted identifier: other characters become '_', a letter leads. */
    static String identifier(String name) {
        String cleaned = name.replaceAll("[^\\p{L}\\p{Nd}_$#]", "_");
        if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0))) {
            cleaned = "A" + cleaned;
        }
        cleaned = OracleNames.truncateToBytes(cleaned, OracleNames.MAX_IDENTIFIER_BYTES);
        // A reserved word (DATE, SIZE...) cannot name a column; a suffix makes it an ordinary name.
        return OracleNames.identifierProblem(cleaned, OracleNames.MAX_IDENTIFIER_BYTES).isPresent()
                ? OracleNames.truncateToBytes(cleaned, OracleNames.MAX_IDENTIFIER_BYTES - 2) + "_1" : cleaned;
    }

    /** The output to name: the only one, else one whose name hints at the role, else the first that fits. */
    private static String pick(ModelSignature signature, String hint, java.util.function.Predicate<TensorSpec> fits) {
        if (signature.outputs().size() == 1) {
            return signature.outputs().get(0).name();
        }
        return optional(signature, hint, fits);
    }

    private static String optional(ModelSignature signature, String hint, java.util.function.Predicate<TensorSpec> fits) {
        List<TensorSpec> fitting = signature.outputs().stream().filter(TensorSpec::isTensor).filter(fits).toList();
        Optional<TensorSpec> hinted = fitting.stream().filter(t -> t.name().toLowerCase(java.util.Locale.ROOT)
                .contains(hint)).findFirst();
        return hinted.or(() -> fitting.stream().findFirst()).map(TensorSpec::name).orElse(null);
    }

    private static boolean isInteger(TensorSpec tensor) {
        return Set.of(DataType.INT8, DataType.INT16, DataType.INT32, DataType.INT64, DataType.UINT8, DataType.UINT16,
                DataType.UINT32, DataType.UINT64).contains(tensor.type());
    }
}
