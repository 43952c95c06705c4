package dev.modeldock.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.extensions.OrtxPackage;
import dev.modeldock.config.LogLevel;
import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ONNX Runtime sessions with onnxruntime-extensions' custom operators registered, which every
 * pipeline needs for its tokenizer.
 */
public final class OrtSessions {
    /** The single file size from which {@link #openForCheck} turns pre-packing off. */
    public static final long LEAN_FROM_BYTES = 256L << 20;

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
        return open(model, threads, true);
    }

    /**
     * Opens a session for a check that runs a model a few dozen times and closes it (a conversion's
     * validation): a single file of {@value #LEAN_FROM_BYTES} bytes or more is opened without
     * pre-packing. ONNX Runtime copies a single file's weights, and pre-packing adds rearranged copies
     * of the products' weights, about 0.4× the model more: on a 1.34 GB file the export peaked at
     * 2.83 GB with it and 2.12 GB without, for a validation 49% slower (18.1 s to 26.9 s). A model whose
     * weights are in external data is mapped, not copied, and its file is small: it keeps pre-packing.
     */
    public static OrtSession openForCheck(Path model, int threads) {
        long bytes;
        try {
            bytes = Files.size(model);
        } catch (IOException e) {
            throw new ModelDockException("cannot read " + model + ": " + e.getMessage(), e);
        }
        return open(model, threads, bytes < LEAN_FROM_BYTES);
    }

    private static OrtSession open(Path model, int threads, boolean prepack) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.registerCustomOpLibrary(OrtxPackage.getLibraryPath());
            if (!prepack) {
                options.addConfigEntry("session.disable_prepacking", "1");
            }
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
