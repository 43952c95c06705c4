package dev.modeldock.registry;

import dev.modeldock.plugin.ModelDockException;
import java.nio.charset.StandardCharsets;

/**
 * The longest value each stored field takes, in one place: the services check requests against
 * these before anything is written, the API's description states them, and a test holds each at
 * or below its column in {@code db/migration/V1__registry.sql}. Lengths count Java characters
 * (UTF-16 code units), never fewer than the database's characters.
 */
public final class Limits {
    public static final int MODEL_NAME = 128;
    public static final int TAG = 64;
    public static final int ALIAS = 64;
    public static final int USER_NAME = 64;
    public static final int TARGET_NAME = 64;
    public static final int DESCRIPTION = 4000;
    public static final int TOKEN_LABEL = 200;
    /** An export target's name ({@code file}, {@code oracle}). */
    public static final int PLUGIN = 64;
    /** A target profile's plain settings, written as JSON. */
    public static final int SETTINGS = 100_000;
    /**
     * A target profile's secret settings, written as JSON, in UTF-8 bytes: sealed (nonce and tag
     * added) and in base64 they stay inside the column's 100000 characters.
     */
    public static final int SECRET_SETTINGS_BYTES = 60_000;
    /** The model's name at the target ({@code [schema.]NAME} in Oracle). */
    public static final int DATABASE_MODEL_NAME = 300;
    /** A conversion's source: a hub id or a folder on the server. */
    public static final int SOURCE = 4096;
    /** A conversion's configuration template. */
    public static final int TEMPLATE = 64;
    /** A conversion's hub revision: a branch, tag or commit (255, as git allows a ref name's part). */
    public static final int REVISION = 255;
    /** A conversion's configuration properties, written as JSON. */
    public static final int CONFIG = 100_000;
    /** An upload's import metadata (JSON text). */
    public static final int METADATA = 1_000_000;
    /** An upload's file name, kept in the lineage (255, as file systems allow). */
    public static final int FILE_NAME = 255;

    private Limits() {
    }

    /**
     * Refuses {@code value} when it is longer than {@code limit} characters, naming the field and the
     * limit; null passes (whether a field is required is checked elsewhere).
     */
    public static String check(String field, String value, int limit) {
        if (value != null && value.length() > limit) {
            throw new ModelDockException("field '" + field + "' is " + value.length() + " characters long; at most "
                    + limit + " are allowed");
        }
        return value;
    }

    /** {@link #check} counting UTF-8 bytes, for what is stored encrypted. */
    public static String checkBytes(String field, String value, int limit) {
        int bytes = value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limit) {
            throw new ModelDockException("field '" + field + "' is " + bytes + " bytes long in UTF-8; at most " + limit
                    + " are allowed");
        }
        return value;
    }
}
