package dev.modeldock.export.oracle;

import dev.modeldock.metadata.OracleNames;
import dev.modeldock.plugin.ModelDockException;

/**
 * A mining model's {@code [schema.]name}, validated as Oracle validates unquoted identifiers before
 * it reaches any SQL text, and kept in the uppercase form Oracle stores.
 *
 * @param owner the schema, or null for the session's own
 */
record DatabaseModelName(String owner, String model) {

    static DatabaseModelName parse(String name) {
        OracleNames.modelNameProblem(name).ifPresent(why -> {
            throw new ModelDockException("'" + name + "' cannot name a mining model: " + why);
        });
        int dot = name.indexOf('.');
        return dot < 0 ? new DatabaseModelName(null, OracleNames.canonical(name))
                : new DatabaseModelName(OracleNames.canonical(name.substring(0, dot)),
                        OracleNames.canonical(name.substring(dot + 1)));
    }

    /** SCHEMA.MODEL or MODEL: safe to splice into SQL, since both parts passed the identifier rules. */
    String qualified() {
        return owner == null ? model : owner + "." + model;
    }
}
