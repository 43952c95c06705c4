package dev.modeldock.metadata;

import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds, before the database does, every reason Oracle would refuse to import a model with a
 * metadata document: each problem with the ORA code Oracle raises, the field, and the fix.
 *
 * <p>The rules are those of Oracle's "JSON Metadata Parameters for ONNX Models". Where that text
 * contradicts itself — its note says that specifying {@code normalizeProb} is an error, while its
 * usage notes describe how to specify it ({@code none} or {@code softmax}, classification and
 * clustering only) — the detailed usage notes are implemented.
 */
public final class MetadataChecker {
    private MetadataChecker() {
    }

    /** Every problem found; an empty list means Oracle should accept the model. */
    public static List<MetadataProblem> check(ModelSignature signature, OnnxMetadata metadata, CheckContext context) {
        List<MetadataProblem> problems = new ArrayList<>();
        checkModel(context, problems);
        checkTensors(signature, problems);
        checkStrings("metadata", MetadataJson.toMap(metadata), problems);
        Optional<MlFunction> function = function(metadata, problems);
        InputRules.check(signature, metadata, function.orElse(null), problems);
        function.ifPresent(f -> OutputRules.check(signature, metadata, f, problems));
        LabelRules.check(signature, metadata, function.orElse(null), problems);
        LanguageRules.check(metadata, problems);
        return problems;
    }

    /** Parses {@code json} and checks it: problems of form first, then of content. */
    public static List<MetadataProblem> check(ModelSignature signature, String json, CheckContext context) {
        MetadataJson.Parsed parsed = MetadataJson.parse(json);
        List<MetadataProblem> problems = new ArrayList<>(parsed.problems());
        if (parsed.metadata() != null) {
            problems.addAll(check(signature, parsed.metadata(), context));
        }
        return problems;
    }

    private static void checkModel(CheckContext context, List<MetadataProblem> problems) {
        if (context.modelName() != null) {
            OracleNames.modelNameProblem(context.modelName()).ifPresent(why -> problems.add(MetadataProblem.error(
                    OracleErrors.INVALID_MODEL_NAME, "model", why + ".",
                    "Use [schema.]name: a letter first, then letters, digits, '_', '$' or '#'; name at most "
                            + OracleNames.MAX_MODEL_NAME_BYTES + " bytes, schema at most "
                            + OracleNames.MAX_IDENTIFIER_BYTES + ".")));
        }
        if (context.fileBytes() == 0) {
            problems.add(MetadataProblem.error(OracleErrors.INVALID_BLOB_SIZE, "model", "the ONNX file is empty.",
                    "Export the model again."));
        }
        if (context.externalData() && !context.release().loadsExternalData()) {
            problems.add(MetadataProblem.error(OracleErrors.UNDOCUMENTED, "model", "the model keeps its weights in"
                    + " external data files, which " + context.release().displayName() + " does not load.",
                    "Export it for Oracle Database 26ai, or as one file (use_external_data false; quantize it if"
                            + " it is over " + context.release().maxFileSize() + ")."));
        }
        if (context.fileBytes() > context.maxFileBytes()) {
            OracleRelease release = context.release();
            problems.add(MetadataProblem.error(OracleErrors.INVALID_BLOB_SIZE, "model", "the ONNX file is "
                    + context.fileBytes() + " bytes; " + release.displayName() + " imports at most "
                    + context.maxFileBytes() + " (" + release.maxFileSize() + ").", release == OracleRelease.DB_23AI
                    ? "Quantize the model (about a quarter of the float32 size), target Oracle Database 26ai (2 GB),"
                            + " or choose a smaller model."
                    : "Quantize the model or choose a smaller one."));
        }
    }

    private static void checkTensors(ModelSignature signature, List<MetadataProblem> problems) {
        for (TensorSpec tensor : concat(signature.inputs(), signature.outputs())) {
            boolean isInput = signature.inputs().contains(tensor);
            if (!tensor.isTensor()) {
                problems.add(MetadataProblem.error(OracleErrors.UNSUPPORTED_TYPE, tensor.name(), (isInput ? "input" : "output")
                        + " \"" + tensor.name() + "\" is not a tensor (a sequence or map).",
                        "Export the model so that it takes and returns plain tensors (for scikit-learn"
                                + " classifiers, without ZipMap)."));
            } else if (tensor.fixedDimensions().stream().anyMatch(size -> size <= 0)) {
                problems.add(MetadataProblem.error(OracleErrors.INVALID_DIMENSION, tensor.name(), "tensor \""
                        + tensor.name() + "\" " + tensor.describe() + " has a dimension of size zero or less.",
                        "Export the model with positive dimension sizes (or variable ones)."));
            } else if (tensor.fixedDimensions().stream().filter(size -> size > 1).count() > 1) {
                problems.add(MetadataProblem.error(OracleErrors.LARGE_DIMENSIONS, tensor.name(), "tensor \""
                        + tensor.name() + "\" " + tensor.describe() + " has several dimensions greater than one;"
                        + " Oracle takes one row of values per case.", "Flatten the tensor to [batch, values]."));
            } else if (tensor.variableDimensions() > 1) {
                problems.add(MetadataProblem.error(OracleErrors.VARIABLE_DIMENSIONS, tensor.name(), (isInput ? "input" : "output")
                        + " \"" + tensor.name() + "\" " + tensor.describe() + " has " + tensor.variableDimensions()
                        + " variable dimensions; Oracle allows one (the batch).",
                        "Fix every dimension but the batch when exporting the model."));
            }
        }
    }

    /** Oracle refuses any string of the metadata that holds a NUL character. */
    private static void checkStrings(String field, Object value, List<MetadataProblem> problems) {
        if (value instanceof String text && text.indexOf('\0') >= 0) {
            problems.add(MetadataProblem.error(OracleErrors.NUL_CHARACTER, field, "a string holds a NUL character.",
                    "Remove the NUL character."));
        } else if (value instanceof java.util.Map<?, ?> map) {
            map.forEach((key, item) -> {
                String path = field.equals("metadata") ? String.valueOf(key) : field + "." + key;
                checkStrings(path, key, problems);
                checkStrings(path, item, problems);
            });
        } else if (value instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                checkStrings(field + "[" + i + "]", items.get(i), problems);
            }
        }
    }

    private static Optional<MlFunction> function(OnnxMetadata metadata, List<MetadataProblem> problems) {
        if (metadata.function() == null) {
            problems.add(MetadataProblem.error(OracleErrors.FUNCTION_MISSING, "function",
                    "the metadata does not say which machine learning function the model performs.",
                    "Add \"function\": one of \"embedding\", \"classification\", \"regression\", \"clustering\"."));
            return Optional.empty();
        }
        Optional<MlFunction> function = MlFunction.fromJson(metadata.function());
        if (function.isEmpty()) {
            problems.add(MetadataProblem.error(OracleErrors.FUNCTION_INVALID, "function", "\"" + metadata.function()
                    + "\" is not a machine learning function Oracle imports ONNX models for (it must be one of the"
                    + " strings embedding, classification, regression, clustering).",
                    "Use \"embedding\", \"classification\", \"regression\" or \"clustering\" (lowercase)."));
        }
        return function;
    }

    static List<TensorSpec> concat(List<TensorSpec> first, List<TensorSpec> second) {
        List<TensorSpec> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
