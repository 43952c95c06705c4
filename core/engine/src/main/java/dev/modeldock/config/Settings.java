package dev.modeldock.config;

import dev.modeldock.plugin.ModelDockException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Global settings of a conversion, OML4Py's {@code settings} dictionary.
 *
 * @param cacheDir            where downloaded models are kept, in the hub's cache layout
 *                            ({@code models--org--name/}); a folder {@code org/name} there is used as it is
 * @param loggingLevel        how much the conversion logs (also applied to ONNX Runtime)
 * @param forceDownload       download model files again even when the cache has them
 * @param ignoreChecksumError go on when a preconfigured model's files do not match their checksums
 * @param ignoreQualityGate   keep an int8 or float16 pipeline whose vectors are further from the float32
 *                            pipeline's than the gate allows (ModelDock's own setting; the version
 *                            records that the gate was waived)
 */
public record Settings(Path cacheDir, LogLevel loggingLevel, boolean forceDownload, boolean ignoreChecksumError,
        boolean ignoreQualityGate) {

    private static final Set<String> KEYS = Set.of("cache_dir", "logging_level", "force_download",
            "ignore_checksum_error", "ignore_quality_gate");

    /** $HOME/.cache/modeldock, ERROR, no forced download, checksum errors are errors, the quality gate holds. */
    public static Settings defaults() {
        return new Settings(Path.of(System.getProperty("user.home"), ".cache", "modeldock"), LogLevel.ERROR,
                false, false, false);
    }

    /** Settings from their snake_case names; absent keys keep their defaults, unknown keys are errors. */
    public static Settings fromMap(Map<String, ?> values) {
        for (String key : values.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ModelDockException("unknown setting '" + key + "'; valid: " + String.join(", ",
                        KEYS.stream().sorted().toList()));
            }
        }
        Settings defaults = defaults();
        return new Settings(
                values.get("cache_dir") == null ? defaults.cacheDir : Path.of(text(values, "cache_dir")),
                values.get("logging_level") == null ? defaults.loggingLevel
                        : LogLevel.parse(text(values, "logging_level")),
                flag(values, "force_download"),
                flag(values, "ignore_checksum_error"),
                flag(values, "ignore_quality_gate"));
    }

    private static String text(Map<String, ?> values, String key) {
        if (values.get(key) instanceof String text) {
            return text;
        }
        throw new ModelDockException("setting " + key + " must be a string, got " + values.get(key));
    }

    private static boolean flag(Map<String, ?> values, String key) {
        Object value = values.get(key);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw new ModelDockException("setting " + key + " must be true or false, got " + value);
    }
}
