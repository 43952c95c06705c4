package dev.modeldock.metadata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ORA codes Oracle raises on ONNX import, as its error documentation gives them
 * ({@code ora-onnx-errors.tsv} beside this class lists each with Oracle's text, a cause and the page
 * it comes from), and the one explanation per code that both the checker and the database
 * export target show.
 *
 * <p>Some rules of Oracle's metadata documentation have no documented error code; problems against
 * them carry {@link #UNDOCUMENTED} rather than a guessed number.
 */
public final class OracleErrors {
    public static final String UNDOCUMENTED = "ORA-?????";

    public static final String JSON_SYNTAX = "ORA-40441";
    public static final String MODEL_EXISTS = "ORA-40204";
    public static final String INVALID_MODEL_NAME = "ORA-40281";
    public static final String INVALID_BLOB_SIZE = "ORA-54400";
    public static final String FUNCTION_MISSING = "ORA-54402";
    public static final String FUNCTION_INVALID = "ORA-54403";
    public static final String INPUT_NEEDS_NAMES = "ORA-54406";
    public static final String INPUT_NOT_MODEL_INPUT = "ORA-54408";
    public static final String INPUT_NOT_STRING_ARRAY = "ORA-54409";
    public static final String DEFAULT_ON_NULL_VALUE = "ORA-54411";
    public static final String OUTPUT_NOT_NAMED = "ORA-54412";
    public static final String OUTPUT_NOT_FOUND = "ORA-54413";
    public static final String DEFAULT_ON_NULL_NOT_ATTRIBUTE = "ORA-54414";
    public static final String NORMALIZE_PROB_INVALID = "ORA-54415";
    public static final String LABELS_TYPE = "ORA-54417";
    public static final String LABELS_COUNT = "ORA-54418";
    public static final String INPUT_NAME_COUNT = "ORA-54420";
    public static final String EMBEDDING_DIMENSIONS = "ORA-54423";
    public static final String UNSUPPORTED_TYPE = "ORA-54424";
    public static final String INVALID_DIMENSION = "ORA-54425";
    public static final String VARIABLE_DIMENSIONS = "ORA-54426";
    public static final String LARGE_DIMENSIONS = "ORA-54427";
    public static final String CLUSTERING_NO_OUTPUT = "ORA-54433";
    public static final String CLUSTERING_SIZES_DIFFER = "ORA-54434";
    public static final String INVALID_ATTRIBUTE_NAME = "ORA-54436";
    public static final String LABELS_AND_LABEL_OUTPUT = "ORA-54437";
    public static final String LABEL_OUTPUT_TYPE = "ORA-54438";
    public static final String LABEL_TOO_LONG = "ORA-54445";
    public static final String TOO_MANY_INPUT_VALUES = "ORA-54448";
    public static final String INVALID_EMBEDDING_METADATA = "ORA-54449";
    public static final String NUL_CHARACTER = "ORA-54453";
    public static final String CLUSTERING_SAME_OUTPUT = "ORA-54456";

    private static final Pattern CODE = Pattern.compile("ORA-(\\d{5})");
    private static final Map<String, Entry> CATALOG = load();

    private OracleErrors() {
    }

    /** One documented code. */
    public record Entry(String code, String oracleMessage, String cause, String source) {
    }

    /** The documented entry for a code such as "ORA-54413". */
    public static Optional<Entry> entry(String code) {
        return Optional.ofNullable(CATALOG.get(code));
    }

    /** The code a JSON type error in {@code field} draws from Oracle. */
    static String fieldTypeCode(String field) {
        return switch (field) {
            case "function" -> FUNCTION_INVALID;
            case "labels" -> LABELS_TYPE;
            case "normalizeProb" -> NORMALIZE_PROB_INVALID;
            default -> UNDOCUMENTED;
        };
    }

    /**
     * Explains an error the database raised: its ORA code, what causes it (the same words the
     * checker's catalog uses) and Oracle's own message; for a message without an ORA code, the
     * message as it is.
     */
    public static String explain(String databaseMessage) {
        String firstLine = databaseMessage == null ? "" : databaseMessage.lines().findFirst().orElse("").strip();
        Matcher code = CODE.matcher(firstLine);
        if (!code.find()) {
            return firstLine;
        }
        return entry(code.group()).map(e -> code.group() + ": " + e.cause() + " (Oracle: " + firstLine + ")")
                .orElse(firstLine);
    }

    private static Map<String, Entry> load() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                OracleErrors.class.getResourceAsStream("ora-onnx-errors.tsv"), StandardCharsets.UTF_8))) {
            reader.readLine(); // header
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.split("\t");
                if (fields.length == 4) {
                    entries.put(fields[0], new Entry(fields[0], fields[1], fields[2], fields[3]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ORA code catalog", e);
        }
        return Map.copyOf(entries);
    }
}
