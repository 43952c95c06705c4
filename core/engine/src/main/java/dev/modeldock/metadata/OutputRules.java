package dev.modeldock.metadata;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.TensorSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which outputs a function uses and whether they have the type and shape it needs. An output is
 * found as Oracle finds it: named in its field; else the output called like the field; else the
 * model's only output.
 */
final class OutputRules {
    private static final Set<DataType> FLOATS = Set.of(DataType.FLOAT, DataType.DOUBLE);
    private static final Set<DataType> CLUSTERING = Set.of(DataType.FLOAT16, DataType.FLOAT, DataType.DOUBLE);
    private static final Set<DataType> INTEGERS = Set.of(DataType.INT8, DataType.INT16, DataType.INT32,
            DataType.INT64, DataType.UINT8, DataType.UINT16, DataType.UINT32, DataType.UINT64);
    private static final Set<DataType> EMBEDDING = Set.of(DataType.FLOAT, DataType.DOUBLE, DataType.INT8);

    private OutputRules() {
    }

    static void check(ModelSignature signature, OnnxMetadata metadata, MlFunction function,
            List<MetadataProblem> problems) {
        OnnxMetadata.OUTPUT_FIELDS.forEach((field, functions) -> {
            String named = metadata.output(field);
            if (named == null) {
                return;
            }
            if (!functions.contains(function)) {
                problems.add(MetadataProblem.error(OracleErrors.UNDOCUMENTED, field, "\"" + field + "\" belongs to the "
                        + functions.get(0).jsonName() + " function, not to " + function.jsonName() + ".",
                        "Remove it, or set \"function\" to \"" + functions.get(0).jsonName() + "\"."));
            } else if (signature.output(named).isEmpty()) {
                problems.add(MetadataProblem.error(OracleErrors.OUTPUT_NOT_FOUND, field, "the model has no output \""
                        + named + "\"; its outputs are " + signature.outputs().stream().map(TensorSpec::name).toList()
                        + ".", "Name one of the model's outputs exactly."));
            }
        });
        switch (function) {
            case EMBEDDING -> resolve(signature, metadata, "embeddingOutput", problems).ifPresent(o -> embedding(o, problems));
            case REGRESSION -> resolve(signature, metadata, "regressionOutput", problems).ifPresent(o ->
                    type(o, "regressionOutput", union(FLOATS, INTEGERS, Set.of(DataType.FLOAT16)), problems));
            case CLASSIFICATION -> classification(signature, metadata, problems);
            case CLUSTERING -> clustering(signature, metadata, problems);
        }
    }

    private static void embedding(TensorSpec output, List<MetadataProblem> problems) {
        type(output, "embeddingOutput", EMBEDDING, problems);
        int fixed = output.fixedDimensions().size();
        if (fixed != 1) {
            problems.add(MetadataProblem.error(OracleErrors.EMBEDDING_DIMENSIONS, "embeddingOutput", "embedding output \""
                    + output.name() + "\" " + output.describe() + " has " + fixed + " fixed dimensions; it needs exactly"
                    + " one, the embedding's size.", "Give the output the shape [batch, size] with a variable batch."));
        }
    }

    private static void classification(ModelSignature signature, OnnxMetadata metadata, List<MetadataProblem> problems) {
        Optional<TensorSpec> probabilities = resolve(signature, metadata, "classificationProbOutput", problems);
        probabilities.ifPresent(o -> type(o, "classificationProbOutput", FLOATS, problems));
        if (metadata.classificationLabelOutput() == null) {
            return;
        }
        signature.output(metadata.classificationLabelOutput()).filter(TensorSpec::isTensor).ifPresent(labels -> {
            boolean stringOrInteger = labels.type() == DataType.STRING || INTEGERS.contains(labels.type());
            long classes = probabilities.map(TensorSpec::rowWidth).orElse(-1L);
            long count = labels.fixedDimensions().stream().reduce(1L, (a, b) -> a * b);
            if (!stringOrInteger || (classes > 0 && count != classes)) {
                problems.add(MetadataProblem.error(OracleErrors.LABEL_OUTPUT_TYPE, "classificationLabelOutput",
                        "label output \"" + labels.name() + "\" " + labels.describe() + " must hold strings or integers,"
                                + " one per class" + (classes > 0 ? " (" + classes + ")" : "") + ".",
                        "Name an output of string or integer type with one label per class, or give \"labels\"."));
            }
        });
    }

    private static void clustering(ModelSignature signature, OnnxMetadata metadata, List<MetadataProblem> problems) {
        String distance = metadata.clusteringDistanceOutput();
        String probability = metadata.clusteringProbOutput();
        if (distance != null && distance.equals(probability)) {
            problems.add(MetadataProblem.error(OracleErrors.CLUSTERING_SAME_OUTPUT, "clusteringProbOutput",
                    "clusteringProbOutput and clusteringDistanceOutput both name \"" + distance + "\".",
                    "Name the probability and the distance outputs separately, or give only one of them."));
            return;
        }
        // Each output is named in its field, or assumed when an output carries the field's name; a
        // model with one output and neither gives distances.
        Optional<TensorSpec> distances = signature.output(distance != null ? distance : "clusteringDistanceOutput");
        Optional<TensorSpec> probabilities = signature.output(probability != null ? probability : "clusteringProbOutput");
        if (distance == null && probability == null && distances.isEmpty() && probabilities.isEmpty()) {
            distances = resolve(signature, metadata, "clusteringDistanceOutput", problems,
                    OracleErrors.CLUSTERING_NO_OUTPUT);
        }
        distances.ifPresent(o -> type(o, "clusteringDistanceOutput", CLUSTERING, problems));
        probabilities.ifPresent(o -> type(o, "clusteringProbOutput", CLUSTERING, problems));
        if (distances.isPresent() && probabilities.isPresent()
                && distances.get().rowWidth() != probabilities.get().rowWidth()) {
            problems.add(MetadataProblem.error(OracleErrors.CLUSTERING_SIZES_DIFFER, "clusteringProbOutput",
                    "the distance output " + distances.get().describe() + " and the probability output "
                            + probabilities.get().describe() + " differ in size.",
                    "Both must hold one value per cluster."));
        }
    }

    private static Optional<TensorSpec> resolve(ModelSignature signature, OnnxMetadata metadata, String field,
            List<MetadataProblem> problems) {
        return resolve(signature, metadata, field, problems, OracleErrors.OUTPUT_NOT_NAMED);
    }

    /** The output Oracle would use for {@code field}; absent (and reported) when it cannot tell. */
    private static Optional<TensorSpec> resolve(ModelSignature signature, OnnxMetadata metadata, String field,
            List<MetadataProblem> problems, String codeWhenUnnamed) {
        if (metadata.output(field) != null) {
            return signature.output(metadata.output(field)); // a missing one is reported already
        }
        Optional<TensorSpec> byFieldName = signature.output(field);
        if (byFieldName.isPresent()) {
            return byFieldName;
        }
        if (signature.outputs().size() == 1) {
            return Optional.of(signature.outputs().get(0));
        }
        problems.add(MetadataProblem.error(codeWhenUnnamed, field, "the model has " + signature.outputs().size()
                + " outputs " + signature.outputs().stream().map(TensorSpec::name).toList() + " and the metadata does"
                + " not say which is the " + field + ".", "Add \"" + field + "\": the name of the output to use."));
        return Optional.empty();
    }

    private static void type(TensorSpec output, String field, Set<DataType> allowed, List<MetadataProblem> problems) {
        if (output.isTensor() && !allowed.contains(output.type())) {
            problems.add(MetadataProblem.error(OracleErrors.UNSUPPORTED_TYPE, field, "output \"" + output.name()
                    + "\" has element type " + output.type() + "; " + field + " takes " + allowed + ".",
                    "Cast the output to one of " + allowed + " when exporting the model."));
        }
    }

    @SafeVarargs
    private static Set<DataType> union(Set<DataType>... sets) {
        Set<DataType> all = new HashSet<>();
        for (Set<DataType> set : sets) {
            all.addAll(set);
        }
        return all;
    }
}
