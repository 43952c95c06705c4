package dev.modeldock.export.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.metadata.OracleNames;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.validation.ParityCheck;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads back what the database made of a loaded model: its row in the dictionary with the right
 * function, its attributes with the vector's size, and, for an embedding model, a VECTOR_EMBEDDING
 * of a sample text that must agree with the same pipeline run locally; a reranker or classifier is
 * scored with PREDICTION or PREDICTION_PROBABILITY instead ({@link ScoreVerifier}).
 */
final class LoadVerifier {
    static final String SAMPLE = "ModelDock checks that the database and the local pipeline agree.";
    /** The database runs the same graph with its own build of ONNX Runtime; allow rounding, nothing more. */
    static final double MIN_COSINE = 0.9999;
    private static final Pattern VECTOR_INFO = Pattern.compile("VECTOR\\((\\d+)\\s*,\\s*(\\w+)\\)");

    private LoadVerifier() {
    }

    /** @return what was verified, in a few words */
    static String verify(Connection connection, DatabaseModelName name, JsonNode metadata, Path model)
            throws SQLException {
        String function = metadata.path("function").asText().toUpperCase(Locale.ROOT);
        try (PreparedStatement query = connection.prepareStatement(OracleSql.MODEL_ROW)) {
            query.setString(1, name.owner());
            query.setString(2, name.model());
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new ModelDockException("the load reported success but " + name.qualified()
                            + " is not in ALL_MINING_MODELS");
                }
                if (!function.equals(row.getString(1)) || !"ONNX".equals(row.getString(2))) {
                    throw new ModelDockException(name.qualified() + " was loaded as " + row.getString(1) + " / "
                            + row.getString(2) + ", expected " + function + " / ONNX");
                }
            }
        }
        Map<String, String> vectors = attributes(connection, name);
        if (function.equals("REGRESSION") || function.equals("CLASSIFICATION")) {
            return ScoreVerifier.verify(connection, name, function, metadata, model, vectors.keySet())
                    .orElse(function + " model with attributes " + vectors.keySet());
        }
        if (!function.equals("EMBEDDING")) {
            return function + " model with attributes " + vectors.keySet();
        }
        String attribute = metadata.path("input").elements().hasNext()
                ? metadata.path("input").elements().next().path(0).asText() : "DATA";
        OracleNames.identifierProblem(attribute, OracleNames.MAX_IDENTIFIER_BYTES).ifPresent(why -> {
            throw new ModelDockException("attribute name " + why);
        });
        float[] local;
        try (PipelineSession pipeline = PipelineSession.open(model, 1)) {
            local = pipeline.embed(SAMPLE);
        }
        int dimensions = vectors.values().stream().map(VECTOR_INFO::matcher).filter(Matcher::find)
                .mapToInt(m -> Integer.parseInt(m.group(1))).findFirst().orElse(-1);
        if (dimensions != local.length) {
            throw new ModelDockException(name.qualified() + " reports vectors of " + dimensions + " dimensions ("
                    + vectors + ") but the pipeline produces " + local.length);
        }
        float[] remote = embed(connection, name, OracleNames.canonical(attribute));
        double cosine = ParityCheck.cosine(local, remote);
        if (remote.length != local.length || cosine < MIN_COSINE) {
            throw new ModelDockException("VECTOR_EMBEDDING(" + name.qualified() + ") disagrees with the local pipeline"
                    + " on a sample text (cosine " + cosine + ", " + remote.length + " vs " + local.length + " values)");
        }
        return String.format(Locale.ROOT, "EMBEDDING model, %d dimensions, VECTOR_EMBEDDING matches the local"
                + " pipeline (cosine %.6f)", dimensions, cosine);
    }

    /** VECTOR_INFO (or DATA_TYPE) by attribute name. */
    private static Map<String, String> attributes(Connection connection, DatabaseModelName name) throws SQLException {
        Map<String, String> attributes = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(OracleSql.MODEL_ATTRIBUTES)) {
            query.setString(1, name.owner());
            query.setString(2, name.model());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String info = rows.getString(4);
                    attributes.put(rows.getString(1), info != null ? info : rows.getString(3));
                }
            }
        }
        return attributes;
    }

    private static float[] embed(Connection connection, DatabaseModelName name, String attribute) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(OracleSql.embedding(name.qualified(), attribute))) {
            query.setString(1, SAMPLE);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new ModelDockException("VECTOR_EMBEDDING returned no row");
                }
                return parseVector(text(row.getClob(1)));
            }
        }
    }

    /** Oracle's text form of a vector, "[1.0E-001,-2.5E+000]". */
    static float[] parseVector(String text) {
        String body = text.strip();
        if (!body.startsWith("[") || !body.endsWith("]")) {
            throw new ModelDockException("VECTOR_EMBEDDING returned '" + body.substring(0, Math.min(40, body.length()))
                    + "', not a vector");
        }
        body = body.substring(1, body.length() - 1).strip();
        if (body.isEmpty()) {
            return new float[0];
        }
        String[] values = body.split(",");
        float[] vector = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            vector[i] = Float.parseFloat(values[i].strip());
        }
        return vector;
    }

    private static String text(Clob clob) throws SQLException {
        try (Reader reader = clob.getCharacterStream()) {
            StringWriter text = new StringWriter();
            reader.transferTo(text);
            return text.toString();
        } catch (java.io.IOException e) {
            throw new SQLException("cannot read VECTOR_EMBEDDING's result", e);
        } finally {
            clob.free();
        }
    }
}
