package dev.modeldock.artifact;

import dev.modeldock.plugin.ExportReceipt;
import dev.modeldock.plugin.ExportRequest;
import dev.modeldock.plugin.ExportRequest.Layout;
import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.ExternalDataPackage;
import dev.modeldock.plugin.ExternalDataPackage.Member;
import dev.modeldock.plugin.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * A checked ONNX model waiting in a staging folder of its own, with everything known about it: its
 * SHA-256 and size, its Oracle import metadata, its {@link Provenance}. A conversion and an upload
 * both end in one; the command line hands it to an export target, the server streams its file into
 * the artifact store. {@link #close()} deletes the staging folder.
 */
public final class Artifact implements AutoCloseable {
    private static final String STAGING_PREFIX = "modeldock-staging-";

    private final Path staging;
    private final Path file;
    private final String sha256;
    private final long sizeBytes;
    private final String metadata;
    private final Provenance provenance;
    private final OptionalInt dimensions;
    private final List<Member> packaged;
    private boolean handedOver;

    /**
     * @param staging    a folder from {@link #newStaging}, which this artifact owns from now on: closing it
     *                   deletes the folder and everything in it
     * @param file       the checked ONNX file, directly inside {@code staging}
     * @param sha256     the file's SHA-256, hex, lowercase
     * @param metadata   the Oracle import metadata, as JSON, naming the file's SHA-256 and holding the
     *                   provenance in {@code modelDescription}
     * @param dimensions the width of the embedding, for a converted pipeline; empty for an uploaded model,
     *                   whose outputs ModelDock does not interpret
     */
    public Artifact(Path staging, Path file, String sha256, long sizeBytes, String metadata, Provenance provenance,
            OptionalInt dimensions) {
        this(staging, file, sha256, sizeBytes, metadata, provenance, dimensions, List.of());
    }

    /**
     * An artifact that is an {@link ExternalDataPackage}: {@code file} is the zip, {@code packaged} its
     * members; empty for one ONNX file.
     */
    public Artifact(Path staging, Path file, String sha256, long sizeBytes, String metadata, Provenance provenance,
            OptionalInt dimensions, List<Member> packaged) {
        if (!staging.getFileName().toString().startsWith(STAGING_PREFIX) || !staging.equals(file.getParent())) {
            throw new IllegalArgumentException(file + " is not directly inside a staging folder from newStaging");
        }
        this.staging = staging;
        this.file = file;
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
        this.sizeBytes = sizeBytes;
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.dimensions = Objects.requireNonNull(dimensions, "dimensions");
        this.packaged = List.copyOf(packaged);
    }

    /**
     * A new, empty staging folder for one artifact.
     *
     * @param parent where to make it; null for the system's temporary folder
     */
    public static Path newStaging(Path parent) throws IOException {
        return parent == null ? Files.createTempDirectory(STAGING_PREFIX)
                : Files.createTempDirectory(Files.createDirectories(parent), STAGING_PREFIX);
    }

    /** Deletes a staging folder and everything in it, for the maker of an artifact that failed. */
    public static void deleteStaging(Path staging) {
        if (!Files.exists(staging)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(staging)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean staging folder " + staging, e);
        }
    }

    /**
     * The checked ONNX file, or the zip of one with its external data ({@link #layout()}); read it,
     * never move or change it. It is gone once the artifact is closed, or may be once it is handed
     * over ({@link #handOverTo}).
     */
    public Path file() {
        return file;
    }

    /** The file's SHA-256, hex, lowercase. */
    public String sha256() {
        return sha256;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    /** The Oracle import metadata, as JSON. */
    public String metadata() {
        return metadata;
    }

    public Provenance provenance() {
        return provenance;
    }

    /** The embedding's number of dimensions for a converted pipeline; empty for an uploaded model. */
    public OptionalInt dimensions() {
        return dimensions;
    }

    /** One ONNX file, or a package of one with its external data. */
    public Layout layout() {
        return packaged.isEmpty() ? Layout.ONNX : Layout.EXTERNAL_DATA_PACKAGE;
    }

    /** For an {@link ExternalDataPackage}, its members with their SHA-256s; empty for one ONNX file. */
    public List<Member> packaged() {
        return packaged;
    }

    /**
     * Hands the artifact to {@code target} under {@code name}. The target's progress is reported from
     * 0.9 to 1, after the making of the artifact (0 to 0.9). Check the name and settings with
     * {@link ExportTarget#check} before making the artifact, so that a bad name fails early.
     */
    public ExportReceipt exportTo(ExportTarget target, String name, Map<String, String> settings, Progress progress)
            throws IOException {
        return export(target, name, settings, progress, false);
    }

    /**
     * {@link #exportTo}, as the artifact's last use: the target may move the file into place rather
     * than copy it (a rename, where the staging folder and the target's folder share a filesystem),
     * after which there is no file left to export again.
     */
    public ExportReceipt handOverTo(ExportTarget target, String name, Map<String, String> settings,
            Progress progress) throws IOException {
        return export(target, name, settings, progress, true);
    }

    private ExportReceipt export(ExportTarget target, String name, Map<String, String> settings, Progress progress,
            boolean last) throws IOException {
        if (handedOver) {
            throw new IllegalStateException("the artifact was handed over to a target, which may have taken its file");
        }
        handedOver = last; // before the call: a target that fails may have taken the file all the same
        return target.export(new ExportRequest(name, file, sha256, metadata, settings, layout(), last),
                (stage, fraction) -> progress.report(stage, 0.9 + 0.1 * fraction));
    }

    /** Deletes the staging folder with the file. */
    @Override
    public void close() {
        deleteStaging(staging);
    }
}
