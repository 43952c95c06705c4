package dev.modeldock.source;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file of a preconfigured model whose SHA-256 is not the one pinned for it, as OML4Py's checksum
 * check reports it. It stops the conversion unless {@code ignore_checksum_error} is set; then it is
 * a warning, kept in the version's provenance.
 *
 * @param file     the path in the repository ({@code onnx/model.onnx})
 * @param expected the pinned SHA-256
 * @param actual   the SHA-256 of the file used; {@code missing} when the snapshot lacks it
 */
public record ChecksumMismatch(String file, String expected, String actual) {
    /** The value {@link #actual} takes for a pinned file the snapshot does not have. */
    public static final String MISSING = "missing";

    /** One line naming the file and both hashes. */
    public String describe() {
        return file + ": expected SHA-256 " + expected + ", got " + (MISSING.equals(actual) ? "no such file" : actual);
    }

    /** The JSON form in provenance: file, expected, actual. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("file", file);
        map.put("expected", expected);
        map.put("actual", actual);
        return map;
    }
}
