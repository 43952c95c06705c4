package dev.modeldock.metadata;

/**
 * One thing Oracle would refuse (or that deserves a look) in a metadata document.
 *
 * @param code    the ORA code Oracle raises for it, e.g. "ORA-54413"; for a warning, "WARNING"
 * @param field   the metadata field at fault, dotted for nested values ("input.input"); the
 *                tensor's name for a problem of one of the model's inputs or outputs; "model"
 *                for the model itself
 * @param message what is wrong
 * @param fix     how to put it right
 */
public record MetadataProblem(Severity severity, String code, String field, String message, String fix) {

    public enum Severity { ERROR, WARNING }

    static MetadataProblem error(String code, String field, String message, String fix) {
        return new MetadataProblem(Severity.ERROR, code, field, message, fix);
    }

    static MetadataProblem warning(String field, String message, String fix) {
        return new MetadataProblem(Severity.WARNING, "WARNING", field, message, fix);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** One line: code, field, message and fix, as the command line prints it. */
    @Override
    public String toString() {
        return code + " " + field + ": " + message + " Fix: " + fix;
    }
}
