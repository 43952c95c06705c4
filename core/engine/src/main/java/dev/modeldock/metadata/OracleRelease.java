package dev.modeldock.metadata;

import dev.modeldock.plugin.ModelDockException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Oracle Database release a model is exported for, which bounds the ONNX file it imports:
 * 23ai takes one file of at most 1 GB, 26ai one of at most 2 GB (what protobuf itself can hold).
 * Exports are for 23ai unless told otherwise, since that is what most databases run.
 */
public enum OracleRelease {
    /** Oracle Database 23ai: {@code LOAD_ONNX_MODEL} takes files up to 1 GB, without external data. */
    DB_23AI(23, 1L << 30, "1 GB"),
    /** Oracle AI Database 26ai (version 23.26 onwards): files up to 2 GB. */
    DB_26AI(26, Integer.MAX_VALUE, "2 GB");

    /** The release an export is for when none is named. */
    public static final OracleRelease DEFAULT = DB_23AI;

    private final int number;
    private final long maxFileBytes;
    private final String maxFileSize;

    OracleRelease(int number, long maxFileBytes, String maxFileSize) {
        this.number = number;
        this.maxFileBytes = maxFileBytes;
        this.maxFileSize = maxFileSize;
    }

    /** 23 or 26, as {@code --target-release} and the API's {@code targetRelease} take it. */
    public int number() {
        return number;
    }

    /** The largest ONNX file the release imports, in bytes. */
    public long maxFileBytes() {
        return maxFileBytes;
    }

    /** That limit as Oracle's documentation states it ("1 GB"). */
    public String maxFileSize() {
        return maxFileSize;
    }

    /**
     * Whether {@code LOAD_ONNX_MODEL} takes a model whose weights are in external data files (its
     * {@code external_data_file_name} parameter): 26ai only.
     */
    public boolean loadsExternalData() {
        return this == DB_26AI;
    }

    /** "Oracle Database 23ai", as the release is called in messages. */
    public String displayName() {
        return "Oracle Database " + number + "ai";
    }

    /** The release numbers there are, oldest first. */
    public static List<Integer> numbers() {
        return Arrays.stream(values()).map(OracleRelease::number).toList();
    }

    /**
     * The release numbered {@code number}.
     *
     * @throws ModelDockException naming the releases there are, for any other number
     */
    public static OracleRelease of(int number) {
        return Arrays.stream(values()).filter(release -> release.number == number).findFirst()
                .orElseThrow(() -> new ModelDockException("there is no Oracle target release " + number
                        + ": give 23 (23ai, files up to 1 GB) or 26 (26ai, files up to 2 GB)"));
    }

    /** {@link #of(int)} for text: "23" or "26", with or without "ai". */
    public static OracleRelease parse(String text) {
        String digits = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replaceFirst("ai$", "");
        try {
            return of(Integer.parseInt(digits));
        } catch (NumberFormatException e) {
            throw new ModelDockException("'" + text + "' is no Oracle target release: give 23 (23ai, files up to 1 GB)"
                    + " or 26 (26ai, files up to 2 GB)");
        }
    }

    /**
     * The release whose rules a database of this full version follows: "23.26.1.0.0" (26ai keeps the
     * 23 major and counts its release updates from 26) and "26.x" are 26ai, other "23.x" are 23ai.
     *
     * @param versionFull {@code PRODUCT_COMPONENT_VERSION.VERSION_FULL}, e.g. "23.7.0.25.01"
     * @return empty for a release before 23, which loads no ONNX models, or a version not in that form
     */
    public static Optional<OracleRelease> ofDatabaseVersion(String versionFull) {
        String[] parts = versionFull == null ? new String[0] : versionFull.trim().split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int update = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            if (major < DB_23AI.number) {
                return Optional.empty();
            }
            return Optional.of(major >= DB_26AI.number || update >= DB_26AI.number ? DB_26AI : DB_23AI);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }
}
