package dev.modeldock.cli;

import dev.modeldock.config.LogLevel;
import dev.modeldock.runtime.OrtSessions;
import java.util.Locale;

/** Applies a logging_level to the JVM's loggers (slf4j-simple) and to ONNX Runtime. */
public final class Logging {
    private Logging() {
    }

    /**
     * Must run before the first logger is created, which is why commands call it first.
     *
     * @param level null for the default, ERROR
     */
    public static void configure(LogLevel level) {
        LogLevel effective = level == null ? LogLevel.ERROR : level;
        String simpleLoggerLevel = switch (effective) {
            case WARNING -> "warn";
            case CRITICAL -> "error";
            default -> effective.name().toLowerCase(Locale.ROOT);
        };
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", simpleLoggerLevel);
        OrtSessions.logAt(effective);
    }
}
