package dev.modeldock.metadata;

import dev.modeldock.transform.WeightFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a pipeline's file size means for Oracle: 23ai imports files up to 1 GB, 26ai up to 2 GB, and
 * OML4Py recommends quantizing any model over 400 MB. The hard limit per release is the export
 * target's to enforce, once it knows the database; this is what a conversion can say before that.
 */
public final class SizeAdvice {
    /** OML4Py's threshold for recommending {@code quantize_model}. */
    public static final long QUANTIZE_ABOVE_BYTES = 400L * 1000 * 1000;

    private SizeAdvice() {
    }

    /** Why a pipeline this large is refused: over the largest file any release imports. */
    public static Optional<String> refusal(long bytes, WeightFormat format) {
        long limit = new CheckContext(null, bytes, 26).maxFileBytes();
        if (bytes <= limit) {
            return Optional.empty();
        }
        String what = format == WeightFormat.FLOAT32 ? "the pipeline"
                : "even with " + format.jsonName() + " weights, the pipeline";
        String remedy = format == WeightFormat.INT8 ? "choose a smaller model"
                : "set quantize_model to true (int8 weights, about a quarter of the float32 size) or choose a"
                        + " smaller model";
        return Optional.of(String.format(Locale.ROOT, "%s is %d bytes (%.2f GB), over the %d bytes (2 GB) Oracle"
                + " Database imports at most; %s", what, bytes, bytes / 1e9, limit, remedy));
    }

    /** Notes for a pipeline Oracle can import, but not everywhere or not as it advises. */
    public static List<String> notes(long bytes, WeightFormat format) {
        List<String> notes = new ArrayList<>();
        long limit23 = new CheckContext(null, bytes, 23).maxFileBytes();
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
