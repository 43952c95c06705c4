package dev.modeldock.testkit.fuzz;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One fuzzed upload: the ONNX file and metadata part to send, the file name and {@code targetRelease}
 * to send with them, and what was done to the valid upload it came from.
 *
 * @param seed          the run's seed; with the index, all it takes to make the case again
 * @param index         the case's number in the run
 * @param onnx          the bytes of the {@code file} part
 * @param metadata      the bytes of the {@code metadata} part
 * @param fileName      the {@code file} part's file name
 * @param targetRelease the {@code targetRelease} query parameter's value, or null to send none
 * @param mutations     what was done, in order, starting with the valid upload's name
 */
public record UploadCase(long seed, int index, byte[] onnx, byte[] metadata, String fileName, String targetRelease,
        List<String> mutations) {

    /** How to make this case again, and what it is. */
    public String describe() {
        return "case " + index + " of seed " + seed + " (-Dfuzz.seed=" + seed + " -Dfuzz.case=" + index + "): "
                + String.join("; ", mutations) + "; file name " + FuzzText.brief(fileName) + ", targetRelease "
                + (targetRelease == null ? "none" : FuzzText.brief(targetRelease)) + ", " + onnx.length
                + " model bytes, " + metadata.length + " metadata bytes";
    }

    /** The query string of the upload request: empty, or {@code ?targetRelease=...} encoded. */
    public String query() {
        return targetRelease == null ? "" : "?targetRelease="
                + URLEncoder.encode(targetRelease, StandardCharsets.UTF_8);
    }

    /**
     * Writes the case into {@code folder} for inspection and to replay by hand:
     * {@code case-N.onnx}, {@code case-N.metadata.json} and {@code case-N.txt} (the description).
     */
    public Path writeTo(Path folder) throws IOException {
        Files.createDirectories(folder);
        String name = "case-" + index;
        Files.write(folder.resolve(name + ".onnx"), onnx);
        Files.write(folder.resolve(name + ".metadata.json"), metadata);
        Files.writeString(folder.resolve(name + ".txt"), describe() + "\n", StandardCharsets.UTF_8);
        return folder.resolve(name + ".txt");
    }
}
