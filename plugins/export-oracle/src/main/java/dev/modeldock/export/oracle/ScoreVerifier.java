package dev.modeldock.export.oracle;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.metadata.OracleNames;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.onnx.TensorSpec;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.runtime.PipelineSession;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Scores a loaded reranker or text classifier in the database, as Oracle documents them to be used,
 * and compares with the same pipeline run locally: a reranker's {@code PREDICTION(m USING ? AS DATA1,
 * ? AS DATA2)} of a sample pair with the local score, a classifier's {@code PREDICTION_PROBABILITY(m
 * USING ? AS DATA)} of a sample text with the local highest probability. Other models of these
 * functions (numeric features, several outputs) have no sample to score and are not scored.
 */
final class ScoreVerifier {
    static final String QUERY = "How does a database rank passages for a question?";
    static final String PASSAGE = "The reranker reads the question and each passage together and scores the pair.";
    /** The database runs the same graph with its own build of ONNX Runtime; allow rounding, nothing more. */
    static final double MAX_DIFFERENCE = 1e-4;

    private ScoreVerifier() {
    }

    /**
     * What was verified, or empty when the model is not a text pipeline (one or two string inputs of
     * one value per row, one output), which only the dictionary rows can verify.
     */
    static Optional<String> verify(Connection connection, DatabaseModelName name, String function, JsonNode metadata,
            Path model, Collection<String> loadedAttributes) throws SQLException {
        ModelSignature signature = ModelSignature.of(OnnxModels.readStructure(model));
        boolean text = signature.outputs().size() == 1 && !signature.inputs().isEmpty()
                && signature.inputs().size() <= 2 && signature.inputs().stream()
                        .allMatch(input -> input.type() == DataType.STRING && input.rowWidth() == 1);
        if (!text) {
            return Optional.empty();
        }
        List<String> attributes = attributes(signature, metadata, loadedAttributes);
        return Optional.of(function.equals("REGRESSION") ? regression(connection, name, model, attributes)
                : classification(connection, name, metadata, model, attributes));
    }

    /** A regression (reranker) model: the sample pair's score in the database against the local one. */
    private static String regression(Connection connection, DatabaseModelName name, Path model,
            List<String> attributes) throws SQLException {
        List<String> texts = attributes.size() == 2 ? List.of(QUERY, PASSAGE) : List.of(QUERY);
        double local;
        try (PipelineSession pipeline = PipelineSession.open(model, 1)) {
            float[] score = texts.size() == 2 ? pipeline.score(QUERY, PASSAGE) : pipeline.embed(QUERY);
            if (score.length != 1) {
                throw new ModelDockException("the regression pipeline gives " + score.length + " values per row, not"
                        + " one score");
            }
            local = score[0];
        }
        double remote = number(connection, OracleSql.prediction(name.qualified(), attributes), texts, "PREDICTION");
        check("PREDICTION", name, remote, local);
        return String.format(Locale.ROOT, "REGRESSION model, PREDICTION(%s USING %s) matches the local pipeline"
                + " on a sample (%.6f)", name.qualified(), String.join(", ", attributes), remote);
    }

    /** A classification model: the sample text's best probability in the database against the local one. */
    private static String classification(Connection connection, DatabaseModelName name, JsonNode metadata,
            Path model, List<String> attributes) throws SQLException {
        if (attributes.size() != 1) {
            throw new ModelDockException("ModelDock verifies classifiers of one text attribute; " + name.qualified()
                    + " has " + attributes);
        }
        float[] output;
        try (PipelineSession pipeline = PipelineSession.open(model, 1)) {
            output = pipeline.embed(QUERY);
        }
        double local = best(output, "softmax".equals(metadata.path("normalizeProb").asText()));
        double remote = number(connection, OracleSql.predictionProbability(name.qualified(), attributes),
                List.of(QUERY), "PREDICTION_PROBABILITY");
        check("PREDICTION_PROBABILITY", name, remote, local);
        return String.format(Locale.ROOT, "CLASSIFICATION model, PREDICTION_PROBABILITY(%s USING %s) matches the"
                + " local pipeline on a sample (%.6f)", name.qualified(), attributes.get(0), remote);
    }

    /**
     * The attribute each model input is scored under, in the order of the graph's inputs (the order
     * PipelineSession feeds texts in): the metadata's mapping, else the input's own name.
     */
    private static List<String> attributes(ModelSignature signature, JsonNode metadata,
            Collection<String> loadedAttributes) {
        List<String> attributes = new ArrayList<>();
        for (TensorSpec input : signature.inputs()) {
            JsonNode mapped = metadata.path("input").path(input.name());
            String attribute = mapped.isArray() && mapped.size() == 1 ? mapped.get(0).asText() : input.name();
            OracleNames.identifierProblem(attribute, OracleNames.MAX_IDENTIFIER_BYTES).ifPresent(why -> {
                throw new ModelDockException("attribute name " + why);
            });
            String canonical = OracleNames.canonical(attribute);
            if (!loadedAttributes.contains(canonical)) {
                throw new ModelDockException("the database lists the attributes " + loadedAttributes + ", not "
                        + canonical + " that input " + input.name() + " is mapped to");
            }
            attributes.add(canonical);
        }
        return attributes;
    }

    private static double best(float[] output, boolean softmax) {
        double max = Double.NEGATIVE_INFINITY;
        for (float value : output) {
            max = Math.max(max, value);
        }
        if (!softmax) {
            return max;
        }
        double sum = 0;
        for (float value : output) {
            sum += Math.exp(value - max);
        }
        return 1 / sum;
    }

    private static double number(Connection connection, String sql, List<String> texts, String operator)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < texts.size(); i++) {
                query.setString(i + 1, texts.get(i));
            }
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new ModelDockException(operator + " returned no row");
                }
                double value = row.getDouble(1);
                if (row.wasNull()) {
                    throw new ModelDockException(operator + " returned NULL for a sample text");
                }
                return value;
            }
        }
    }

    private static void check(String operator, DatabaseModelName name, double remote, double local) {
        if (!(Math.abs(remote - local) <= MAX_DIFFERENCE * Math.max(1, Math.abs(local)))) {
            throw new ModelDockException(operator + "(" + name.qualified() + ") disagrees with the local pipeline on"
                    + " a sample (" + remote + " in the database, " + local + " locally)");
        }
    }
}
