package dev.modeldock.plugin;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One setting an {@link ExportTarget} takes, as it declares it in {@link ExportTarget#settings()}.
 * A registry server checks a target profile against the declaration before storing it (unknown
 * settings, missing required ones and values of the wrong type are refused), stores secret ones
 * sealed, lists the declaration for forms, and confines {@link Type#PATH} settings to its folder for
 * target files. A {@link PostProcessor} declares its parameters the same way
 * ({@link PostProcessor#parameters()}), for forms.
 *
 * <pre>{@code
 * Setting.of("output_dir", Setting.Type.PATH, "the folder the files are written to").asRequired()
 * Setting.of("password", Setting.Type.STRING, "the database password").asSecret()
 * }</pre>
 *
 * @param name         the key, e.g. {@code output_dir}: letters, digits and {@code _}
 * @param type         what its value must look like; every value is still passed as a string
 * @param required     whether a target profile must give it
 * @param secret       whether its value is a secret (a password): stored sealed, never shown again
 * @param description  what it means, for a person filling in a form
 * @param defaultValue what the target uses when it is not given, or null for nothing; a secret has none
 *
 * @since 1.0.0
 */
public record Setting(String name, Type type, boolean required, boolean secret, String description,
        String defaultValue) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /**
     * The kinds of value a setting takes.
     *
     * @since 1.0.0
     */
    public enum Type {
        /** Any text. */
        STRING,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** A whole number (a Java {@code long}). */
        INTEGER,
        /**
         * A file or folder on the machine that runs the export. A registry server resolves it in its
         * folder for target files, refuses paths that leave it, and hands the target an absolute path
         * inside it; the command line passes it as given.
         */
        PATH;

        /** Whether {@code value} is one of this type. */
        public boolean accepts(String value) {
            return switch (this) {
                case BOOLEAN -> "true".equals(value) || "false".equals(value);
                case INTEGER -> value.matches("-?[0-9]{1,18}");
                case STRING, PATH -> value != null;
            };
        }

        /** The type as JSON and messages spell it: {@code string}, {@code boolean}, {@code integer}, {@code path}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Setting {
        Objects.requireNonNull(type, "type");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("setting name '" + name + "' is not 1 to 64 lowercase letters, digits"
                    + " or '_' starting with a letter");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("setting '" + name + "' has no description");
        }
        if (defaultValue != null && (secret || required || !type.accepts(defaultValue))) {
            throw new IllegalArgumentException("setting '" + name + "' cannot have the default '" + defaultValue
                    + "': a secret or required setting has none, and a default must be a " + type.id());
        }
    }

    /** An optional, not secret setting with no default. */
    public static Setting of(String name, Type type, String description) {
        return new Setting(name, type, false, false, description, null);
    }

    /** This setting, required. */
    public Setting asRequired() {
        return new Setting(name, type, true, secret, description, defaultValue);
    }

    /** This setting, secret. */
    public Setting asSecret() {
        return new Setting(name, type, required, true, description, defaultValue);
    }

    /** This setting with the value the target uses when it is not given. */
    public Setting withDefault(String value) {
        return new Setting(name, type, required, secret, description, value);
    }
}
