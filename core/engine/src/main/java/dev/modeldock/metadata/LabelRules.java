package dev.modeldock.metadata;

import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.TensorSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** {@code labels} and {@code normalizeProb}: classification's (and clustering's) extras. */
final class LabelRules {
    /** Oracle's limit for one string label, in bytes. */
    private static final int MAX_LABEL_BYTES = 4000;

    private LabelRules() {
    }

    static void check(ModelSignature signature, OnnxMetadata metadata, MlFunction function,
            List<MetadataProblem> problems) {
        labels(signature, metadata, function, problems);
        String normalize = metadata.normalizeProb();
        if (normalize != null) {
            if (!normalize.equals("none") && !normalize.equals("softmax")) {
                problems.add(MetadataProblem.error(OracleErrors.NORMALIZE_PROB_INVALID, "normalizeProb", "\"" + normalize
                        + "\" is not a normalization Oracle applies.", "Use \"softmax\", or \"none\" (the default)."));
            }
            if (function != null && function != MlFunction.CLASSIFICATION && function != MlFunction.CLUSTERING) {
                problems.add(MetadataProblem.error(OracleErrors.UNDOCUMENTED, "normalizeProb", "normalizeProb applies"
                        + " only to classification and clustering, not to " + function.jsonName() + ".",
                        "Remove normalizeProb."));
            }
        }
    }

    private static void labels(ModelSignature signature, OnnxMetadata metadata, MlFunction function,
            List<MetadataProblem> problems) {
        List<Object> labels = metadata.labels();
        if (labels == null) {
            return;
        }
        if (function != null && function != MlFunction.CLASSIFICATION) {
            problems.add(MetadataProblem.error(OracleErrors.UNDOCUMENTED, "labels", "labels apply only to"
                    + " classification, not to " + function.jsonName() + ".", "Remove labels."));
            return;
        }
        if (metadata.classificationLabelOutput() != null) {
            problems.add(MetadataProblem.error(OracleErrors.LABELS_AND_LABEL_OUTPUT, "labels", "both labels and"
                    + " classificationLabelOutput are given.", "Keep one of them."));
        }
        boolean strings = labels.stream().allMatch(String.class::isInstance);
        boolean numbers = labels.stream().allMatch(Number.class::isInstance);
        if (!strings && !numbers) {
            problems.add(MetadataProblem.error(OracleErrors.LABELS_TYPE, "labels", "labels mix types: " + labels + ".",
                    "Make every label a string, or every label a number."));
        }
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i) instanceof String label && label.getBytes(StandardCharsets.UTF_8).length > MAX_LABEL_BYTES) {
                problems.add(MetadataProblem.error(OracleErrors.LABEL_TOO_LONG, "labels[" + i + "]", "label " + i + " is "
                        + label.getBytes(StandardCharsets.UTF_8).length + " bytes long; at most " + MAX_LABEL_BYTES
                        + " are allowed.", "Shorten the label."));
            }
        }
        long classes = classes(signature, metadata).orElse(-1L);
        if (classes > 0 && labels.size() != classes) {
            problems.add(MetadataProblem.error(OracleErrors.LABELS_COUNT, "labels", labels.size() + " labels are given"
                    + " but the model scores " + classes + " classes.", "Give exactly one label per class, in the"
                    + " order of the probability output."));
        }
    }

    /** The number of classes: the width of the probability output Oracle would use. */
    private static Optional<Long> classes(ModelSignature signature, OnnxMetadata metadata) {
        String name = metadata.classificationProbOutput();
        Optional<TensorSpec> output = name != null ? signature.output(name)
                : signature.output("classificationProbOutput").or(() -> signature.outputs().size() == 1
                        ? Optional.of(signature.outputs().get(0)) : Optional.empty());
        return output.map(TensorSpec::rowWidth).filter(width -> width > 0);
    }
}
