package dev.modeldock.metadata;

import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.transform.WeightFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a pipeline's file size means for Oracle: 23ai imports files up to 1 GB, 26ai up to 2 GB, and
 * OML4Py recommends quantizing any model over 400 MB. A conversion is refused over the limit of the
 * release it is for; an Oracle export target checks again against the database it reaches.
 */
public final class SizeAdvice {
    /** OML4Py's threshold for recommending {@code quantize_model}. */
    public static final long QUANTIZE_ABOVE_BYTES = 400L * 1000 * 1000;

    private SizeAdvice() {
    }

    /**
     * Why a pipeline this large is refused for {@code release}, naming what would bring it in: int8
     * weights, where it has none, and 26ai's larger limit, where the pipeline fits it.
     */
    public static Optional<String> refusal(long bytes, WeightFormat format, OracleRelease release) {
        if (bytes <= release.maxFileBytes()) {
            return Optional.empty();
        }
        String what = format == WeightFormat.FLOAT32 ? "the pipeline"
                : "even with " + format.jsonName() + " weights, the pipeline";
        List<String> remedies = new ArrayList<>();
        if (format != WeightFormat.INT8) {
            remedies.add("set quantize_model to true (int8 weights, about a quarter of the float32 size)");
        }
        if (release == OracleRelease.DB_23AI && bytes <= OracleRelease.DB_26AI.maxFileBytes()) {
            remedies.add("export for Oracle Database 26ai, which imports up to 2 GB (--target-release 26 on the"
                    + " command line, \"targetRelease\": 26 in the API)");
        }
        remedies.add("choose a smaller model");
        return Optional.of(String.format(Locale.ROOT, "%s is %s, over the %d bytes (%s) %s imports at most; %s",
                what, OnnxModels.describeSize(bytes), release.maxFileBytes(), release.maxFileSize(), release.displayName(),
                String.join(", or ", remedies)));
    }

    /** Notes for a pipeline Oracle can import, but not everywhere or not as it advises. */
    public static List<String> notes(long bytes, WeightFormat format) {
        List<String> notes = new ArrayList<>();
        long limit23 = OracleRelease.DB_23AI.maxFileBytes();
        if (bytes > limit23) {
            notes.add(String.format(Locale.ROOT, "the pipeline is %d bytes (%.2f GB): Oracle Database 26ai imports"
                    + " it, 23ai (at most %d bytes, 1 GB) does not%s", bytes, bytes / 1e9, limit23,
                    format == WeightFormat.INT8 ? ""
                            : "; quantize_model makes it about a quarter of the float32 size"));
        } else if (format != WeightFormat.INT8 && bytes > QUANTIZE_ABOVE_BYTES) {
            notes.add(String.format(Locale.ROOT, "the pipeline is %.0f MB; Oracle recommends quantizing models over"
                    + " 400 MB: quantize_model makes it about a quarter of the float32 size and faster, with the"
                    + " quality loss measured and recorded on the version", bytes / 1e6));
        }
        return notes;
    }
}
