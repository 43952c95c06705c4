package dev.modeldock.export.oracle.standin;

import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A model's owner and name as the dictionary stores them.
 *
 * <p>The rules are those of the LOAD_ONNX_MODEL_CLOUD usage notes
 * (https://docs.oracle.com/en/database/oracle/oracle-database/23/vecse/load_onnx_model_cloud.html),
 * which LOAD_ONNX_MODEL shares: "[schema_name.]model_name"; the schema name is at most 128 characters;
 * the model name at most 123 characters and follows the rules of unquoted identifiers (letters,
 * digits, '_', '$', '#', starting with a letter). Unquoted identifiers are stored in upper case.
 */
record ModelName(String owner, String name) {
    static final String UNQUOTED = "[A-Za-z][A-Za-z0-9_$#]*";
    /** A SQL identifier as it may appear in a statement: unquoted, or quoted without quotes inside. */
    static final String IDENTIFIER = "(?:\"[^\"]+\"|" + UNQUOTED + ")";

    private static final Pattern UNQUOTED_NAME = Pattern.compile(UNQUOTED);

    /** Parses the model_name argument of DBMS_VECTOR.LOAD_ONNX_MODEL or DROP_ONNX_MODEL. */
    static ModelName ofArgument(String argument, String sessionUser) throws SQLException {
        if (argument == null || argument.isEmpty()) {
            throw OracleErrors.invalidModelName("the model name is empty");
        }
        String[] parts = argument.split("\\.", -1);
        if (parts.length > 2) {
            throw OracleErrors.invalidModelName("'" + argument + "' is not [schema_name.]model_name");
        }
        String model = parts[parts.length - 1];
        String schema = parts.length == 2 ? parts[0] : sessionUser;
        if (!UNQUOTED_NAME.matcher(model).matches() || model.length() > 123) {
            throw OracleErrors.invalidModelName("'" + model + "' must be an unquoted identifier of at most 123"
                    + " characters: a letter, then letters, digits, _, $ or #");
        }
        if (!UNQUOTED_NAME.matcher(schema).matches() || schema.length() > 128) {
            throw OracleErrors.invalidModelName("schema '" + schema + "' must be an unquoted identifier of at most"
                    + " 128 characters");
        }
        return new ModelName(schema.toUpperCase(Locale.ROOT), model.toUpperCase(Locale.ROOT));
    }

    /** The stored form of an identifier written in SQL: quoted as written, unquoted in upper case. */
    static String identifier(String token) {
        if (token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")) {
            return token.substring(1, token.length() - 1);
        }
        return token.toUpperCase(Locale.ROOT);
    }

    /** The stored form of an attribute name given in JSON metadata (an identifier without quotes). */
    static String attribute(String name) {
        return UNQUOTED_NAME.matcher(name).matches() ? name.toUpperCase(Locale.ROOT) : name;
    }

    @Override
    public String toString() {
        return owner + "." + name;
    }
}
