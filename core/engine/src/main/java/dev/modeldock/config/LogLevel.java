package dev.modeldock.config;

import dev.modeldock.plugin.ModelDockException;
import java.util.Locale;

/** The {@code logging_level} setting; the names are OML4Py's. */
public enum LogLevel {
    DEBUG, INFO, WARNING, ERROR, CRITICAL;

    public static LogLevel parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ModelDockException("invalid logging_level '" + name
                    + "'; valid: DEBUG, INFO, WARNING, ERROR, CRITICAL");
        }
    }
}
