package dev.modeldock.export.oracle.standin;

import java.sql.SQLException;

/**
 * The errors the stand-in raises, shaped as ojdbc shapes a server error: the message starts with
 * "ORA-NNNNN: " and {@link SQLException#getErrorCode()} is NNNNN.
 *
 * <p>Texts follow Oracle's error pages (https://docs.oracle.com/en/error-help/db/ora-NNNNN, the same
 * numbers and texts as OCI-NNNNN), with "string" filled in. Where no documented code was found for a
 * rule, {@link #undocumented} raises ORA-20000 (the application-error range) and says so in the text.
 */
final class OracleErrors {
    private OracleErrors() {
    }

    static SQLException ora(int code, String message) {
        return new OraException(String.format("ORA-%05d: %s", code, message), code);
    }

    /**
     * The error an ORA error was wrapped in on its way through H2 (which appends the statement to the
     * message), or {@code error} itself when it holds none.
     */
    static SQLException unwrap(SQLException error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof OraException ora) {
                return ora;
            }
        }
        return error;
    }

    /** An error the stand-in raised, as opposed to one H2 raised. */
    private static final class OraException extends SQLException {
        private static final long serialVersionUID = 1L;

        OraException(String message, int code) {
            super(message, "72000", code);
        }
    }

    /** No documented code found for the rule: ORA-20000, marked as the stand-in's own. */
    static SQLException undocumented(String message) {
        return ora(20000, "[Oracle stand-in: no documented ORA code for this rule] " + message);
    }

    // --- Session and PL/SQL -------------------------------------------------------------------------

    /** ORA-01017 (text as in ojdbc messages quoted in public reports; no docs.oracle.com page found). */
    static SQLException logonDenied() {
        return ora(1017, "invalid username/password; logon denied");
    }

    /** ORA-01031 (oerr text). */
    static SQLException insufficientPrivileges() {
        return ora(1031, "insufficient privileges");
    }

    /** ORA-04063 https://docs.oracle.com/error-help/db/ora-04063 */
    static SQLException packageHasErrors() {
        return ora(4063, "package body \"SYS.DBMS_VECTOR\" has errors");
    }

    /** ORA-06550 wrapping PLS-00201 https://docs.oracle.com/error-help/db/pls-00201 */
    static SQLException notDeclared(String identifier) {
        return ora(6550, "line 1, column 7:\nPLS-00201: identifier '" + identifier + "' must be declared\n"
                + "ORA-06550: line 1, column 7:\nPL/SQL: Statement ignored");
    }

    // --- Mining models ------------------------------------------------------------------------------

    /** ORA-40204 https://docs.oracle.com/en/error-help/db/ora-40204 */
    static SQLException modelExists(String model) {
        return ora(40204, "model " + model + " already exists");
    }

    /**
     * ORA-40281 https://docs.oracle.com/en/error-help/db/oci-40281 ("A model name is invalid or does not
     * exist"): used both for a malformed name and for a model that is not there.
     */
    static SQLException invalidModelName(String detail) {
        return ora(40281, "invalid model name (" + detail + ")");
    }

    /**
     * ORA-40290 https://docs.oracle.com/en/error-help/db/ora-40290 ("The supplied model cannot be
     * operated upon by the data mining function because the model is built for a mining function ...
     * that is incompatible with function"). The code and its text are documented; that Oracle raises
     * it for an ONNX model scored by the wrong operator (VECTOR_EMBEDDING on a regression model,
     * PREDICTION on an embedding model, PREDICTION_PROBABILITY on a regression model) is inferred
     * from that cause, not seen.
     */
    static SQLException incompatibleModel(String detail) {
        return ora(40290, "model incompatible with data mining function (" + detail + ")");
    }

    /** ORA-40675 https://docs.oracle.com/en/error-help/db/ora-40675 */
    static SQLException metadataNotJson() {
        return ora(40675, "Metadata descriptor must be specified using valid JSON.");
    }

    // --- ONNX import (ORA-544xx) ----------------------------------------------------------------------

    /** ORA-54400 https://docs.oracle.com/en/error-help/db/oci-54400 */
    static SQLException invalidBlobSize() {
        return ora(54400, "Invalid BLOB size");
    }

    /** ORA-54402 https://docs.oracle.com/en/error-help/db/oci-54402 */
    static SQLException functionMissing() {
        return ora(54402, "The \"function\" field is missing in the JSON metadata.");
    }

    /** ORA-54403 https://docs.oracle.com/en/error-help/db/oci-54403 */
    static SQLException functionInvalid() {
        return ora(54403, "Invalid value for the \"function\" field in the JSON metadata");
    }

    /** ORA-54406 https://docs.oracle.com/en/error-help/db/oci-54406 */
    static SQLException inputMappingMissing(String input) {
        return ora(54406, "Missing input mapping for \"" + input + "\".");
    }

    /** ORA-54408 https://docs.oracle.com/en/error-help/db/oci-54408 */
    static SQLException notAModelInput(String key) {
        return ora(54408, "The \"input." + key + "\" field in the JSON metadata is not a model input.");
    }

    /** ORA-54409 https://docs.oracle.com/en/error-help/db/oci-54409 */
    static SQLException inputElementNotString(String key, int index) {
        return ora(54409, "The \"input." + key + "[" + index + "]\" element in the JSON metadata is not a string.");
    }

    /** ORA-54411 https://docs.oracle.com/en/error-help/db/ora-54411 */
    static SQLException defaultOnNullNotString(String key) {
        return ora(54411, "The \"defaultOnNull." + key + "\" field in the JSON metadata is not a string.");
    }

    /** ORA-54412 https://docs.oracle.com/en/error-help/db/ora-54412 */
    static SQLException outputFieldMissing(String field) {
        return ora(54412, "The \"" + field + "\" field in the JSON metadata is missing.");
    }

    /** ORA-54413 https://docs.oracle.com/en/error-help/db/oci-54413 */
    static SQLException outputNotFound(String output, String field) {
        return ora(54413, "Cannot find model output \"" + output + "\", specified by \"" + field + "\"");
    }

    /** ORA-54414 https://docs.oracle.com/en/error-help/db/oci-54414 */
    static SQLException defaultOnNullNotAnAttribute(String key) {
        return ora(54414, "The \"defaultOnNull." + key + "\" field in the JSON metadata does not exist as an"
                + " input attribute.");
    }

    /** ORA-54415 https://docs.oracle.com/en/error-help/db/ora-54415 (page shows cause and action only). */
    static SQLException normalizeProbInvalid(String detail) {
        return ora(54415, "The \"normalizeProb\" field in the JSON metadata is incorrectly specified (" + detail + ").");
    }

    /** ORA-54417 https://docs.oracle.com/en/error-help/db/oci-54417 */
    static SQLException labelInvalidType(int index) {
        return ora(54417, "The value of the \"labels[" + index + "]\" element in the JSON metadata has an invalid type.");
    }

    /** ORA-54418 https://docs.oracle.com/en/error-help/db/oci-54418 */
    static SQLException labelsLength(int json, long model) {
        return ora(54418, "The array value for the \"labels\" field has an incorrect length: JSON: " + json
                + ", model: " + model + ".");
    }

    /** ORA-54420 https://docs.oracle.com/en/error-help/db/oci-54420 */
    static SQLException inputArrayLength(String key, int json, long model) {
        return ora(54420, "Incorrect number of elements in the \"input." + key + "\" array in the JSON metadata"
                + " (JSON: " + json + ", model: " + model + ")");
    }

    /** ORA-54423 https://docs.oracle.com/en/error-help/db/oci-54423 */
    static SQLException embeddingFixedDimensions(String tensor, int fixed) {
        return ora(54423, "Tensor \"" + tensor + "\" has an invalid number of dimensions (" + fixed
                + ") of fixed size for an embedding output.");
    }

    /** ORA-54424 https://docs.oracle.com/en/error-help/db/oci-54424 */
    static SQLException tensorTypeUnsupported(String tensor) {
        return ora(54424, "The type of the tensor \"" + tensor + "\" is not supported.");
    }

    /** ORA-54425 https://docs.oracle.com/en/error-help/db/oci-54425 */
    static SQLException dimensionInvalid(String tensor) {
        return ora(54425, "Tensor \"" + tensor + "\" contains a dimension whose size is either zero or less than -1.");
    }

    /** ORA-54426 https://docs.oracle.com/en/error-help/db/oci-54426 */
    static SQLException variableDimensions(String tensor, int count) {
        return ora(54426, "Tensor \"" + tensor + "\" contains multiple dimensions (" + count + ") of variable size.");
    }

    /** ORA-54427 https://docs.oracle.com/en/error-help/db/oci-54427 */
    static SQLException dimensionsAboveOne(String tensor, int count) {
        return ora(54427, "Tensor \"" + tensor + "\" contains multiple dimensions (" + count + ") greater than one.");
    }

    /** ORA-54433 https://docs.oracle.com/en/error-help/db/oci-54433 */
    static SQLException clusteringOutputsUndefined() {
        return ora(54433, "The clusteringProbOutput and clusteringDistanceOutput tensors are both undefined.");
    }

    /** ORA-54437 https://docs.oracle.com/en/error-help/db/ora-54437 */
    static SQLException labelsAndLabelOutput() {
        return ora(54437, "Both \"labels\" and \"classificationLabelOutput\" fields are specified.");
    }

    /** ORA-54438 https://docs.oracle.com/en/error-help/db/oci-54438 */
    static SQLException labelOutputType() {
        return ora(54438, "The classificationLabelOutput tensor can only use a string or an integer type.");
    }

    /** ORA-54445 https://docs.oracle.com/en/error-help/db/oci-54445 */
    static SQLException labelTooLong(int index) {
        return ora(54445, "The value of the \"labels[" + index + "]\" element in the JSON metadata is too large.");
    }

    /** ORA-54449 https://docs.oracle.com/en/error-help/db/oci-54449 */
    static SQLException invalidEmbeddingMetadata(String detail) {
        return ora(54449, "Invalid embedding metadata: " + detail);
    }

    // --- Directories and UTL_FILE (oerr texts) -------------------------------------------------------

    /** ORA-06550 wrapping PLS-00306: a named parameter the release's procedure does not have. */
    static SQLException wrongArguments(String procedure) {
        return ora(6550, "line 1, column 7:\nPLS-00306: wrong number or types of arguments in call to '" + procedure
                + "'\nORA-06550: line 1, column 7:\nPL/SQL: Statement ignored");
    }

    /** ORA-29280: the directory object does not exist, or the session may not see it. */
    static SQLException invalidDirectory(String directory) {
        return ora(29280, "invalid directory object " + directory);
    }

    /** ORA-29289: the directory exists but the grant needed (READ to read, WRITE to write) is missing. */
    static SQLException directoryAccessDenied(String directory, String grant) {
        return ora(29289, "directory access denied (" + grant + " on " + directory + " is not granted)");
    }

    /** ORA-29288: a file name that is empty or names a path rather than a file of the directory. */
    static SQLException invalidFileName(String fileName) {
        return ora(29288, "invalid file name " + fileName);
    }

    /** ORA-29283: the file cannot be opened (missing, or not readable by the database). */
    static SQLException invalidFileOperation(String detail) {
        return ora(29283, "invalid file operation: " + detail);
    }
}
