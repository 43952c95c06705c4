package dev.modeldock.cli;

import dev.modeldock.config.LogLevel;
import dev.modeldock.runtime.OrtSessions;
import java.util.Locale;

/**
 * Applies a logging_level to the JVM's loggers (slf4j-simple) and to ONNX Runtime.
 *
 * <p>The level is ModelDock's own ({@code dev.modeldock.*}); the libraries underneath stay quieter,
 * so that {@code --log-level DEBUG} shows ModelDock's steps rather than thousands of lines of
 * theirs: pf4j's class loading, Jetty and Jdbi at INFO at most, ONNX Runtime at WARNING at most
 * (its INFO already narrates every graph optimisation of every session).
 * {@code --log-level all=DEBUG} sets everything to the level.
 */
public final class Logging {
    /** The prefix of a {@code --log-level} value that applies it to every library too. */
    static final String EVERYTHING = "all=";

    private static final String LIBRARY_LOGGERS = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final String OWN_LOGGERS = "org.slf4j.simpleLogger.log.dev.modeldock";

    private Logging() {
    }

    /** {@link #configure(LogLevel, boolean)} with the libraries kept quieter than ModelDock. */
    public static void configure(LogLevel level) {
        configure(level, false);
    }

    /**
     * Must run before the first logger is created, which is why commands call it first.
     *
     * @param level      null for the default, ERROR
     * @param everything whether the libraries' loggers and ONNX Runtime get the level too, rather
     *                   than INFO (ONNX Runtime: WARNING) at most
     */
    public static void configure(LogLevel level, boolean everything) {
        LogLevel own = level == null ? LogLevel.ERROR : level;
        System.setProperty(LIBRARY_LOGGERS, simpleLoggerLevel(atMost(own, LogLevel.INFO, everything)));
        System.setProperty(OWN_LOGGERS, simpleLoggerLevel(own));
        OrtSessions.logAt(atMost(own, LogLevel.WARNING, everything));
    }

    /** Whether a {@code --log-level} value asks for every library's logs ({@code all=LEVEL}). */
    static boolean everything(String option) {
        return option != null && option.strip().toLowerCase(Locale.ROOT).startsWith(EVERYTHING);
    }

    /** The level part of a {@code --log-level} value. */
    static String level(String option) {
        return everything(option) ? option.strip().substring(EVERYTHING.length()) : option;
    }

    /** {@code level}, or {@code ceiling} when that is quieter, unless every library is to get the level. */
    private static LogLevel atMost(LogLevel level, LogLevel ceiling, boolean everything) {
        return everything || level.compareTo(ceiling) >= 0 ? level : ceiling;
    }

    private static String simpleLoggerLevel(LogLevel level) {
        return switch (level) {
            case WARNING -> "warn";
            case CRITICAL -> "error";
            default -> level.name().toLowerCase(Locale.ROOT);
        };
    }
}
