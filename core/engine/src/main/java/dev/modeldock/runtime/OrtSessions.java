package dev.modeldock.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.extensions.OrtxPackage;
import dev.modeldock.config.LogLevel;
import dev.modeldock.plugin.ModelDockException;
import java.nio.file.Path;

/**
 * ONNX Runtime sessions with onnxruntime-extensions' custom operators registered, which every
 * pipeline needs for its tokenizer.
 */
public final class OrtSessions {
    private static volatile OrtLoggingLevel loggingLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;

    private OrtSessions() {
    }

    /** Sets ONNX Runtime's log level; takes effect only before the first session is created. */
    public static void logAt(LogLevel level) {
        loggingLevel = switch (level) {
            case DEBUG -> OrtLoggingLevel.ORT_LOGGING_LEVEL_VERBOSE;
            case INFO -> OrtLoggingLevel.ORT_LOGGING_LEVEL_INFO;
            case WARNING -> OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING;
            case ERROR -> OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;
            case CRITICAL -> OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
        };
    }

    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment(loggingLevel, "modeldock");
    }

    /** Checks that ONNX Runtime, with onnxruntime-extensions, loads {@code model}, as the database will have to. */
    public static void checkLoads(Path model) {
        try (OrtSession session = open(model, 1)) {
            session.getInputInfo();
        } catch (OrtException e) {
            throw new ModelDockException("ONNX Runtime cannot load " + model + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a session on {@code model}.
     *
     * @param threads intra-op threads; 0 lets ONNX Runtime choose
     */
    public static OrtSession open(Path model, int threads) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.registerCustomOpLibrary(OrtxPackage.getLibraryPath());
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
            }
            return environment().createSession(model.toString(), options);
        } catch (OrtException e) {
            throw new ModelDockException("ONNX Runtime cannot load " + model + ": " + e.getMessage(), e);
        }
    }
}
