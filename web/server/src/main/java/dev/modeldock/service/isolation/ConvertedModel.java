package dev.modeldock.service.isolation;

import dev.modeldock.artifact.Artifact;
import dev.modeldock.plugin.ExternalDataPackage.Member;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What a conversion in a child process made: the checked ONNX file, staged in the conversion's own
 * folder, with what the engine's {@link Artifact} knows of it. {@link #close()} deletes the folder.
 *
 * @param folder     the conversion's folder, holding the staged file
 * @param file       the pipeline
 * @param sha256     the file's SHA-256, hex, lowercase
 * @param metadata   the Oracle import metadata, as JSON
 * @param provenance the provenance in its JSON form ({@code Provenance.toMap()}), parity report included
 * @param dimensions the width of the embedding
 * @param packaged   for a package of the model with its external data, its members; empty for one ONNX file
 */
public record ConvertedModel(Path folder, Path file, String sha256, String metadata, Map<String, Object> provenance,
        OptionalInt dimensions, List<Member> packaged) implements AutoCloseable {

    public ConvertedModel {
        packaged = List.copyOf(packaged);
    }

    /** The parity report in its JSON form, or null when there is none. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> parity() {
        return (Map<String, Object>) provenance.get("parity");
    }

    /**
     * The int8 or float16 pipeline's quality report against the float32 one in its JSON form
     * ({@code QualityReport.toMap()}), or null for a float32 pipeline.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> quality() {
        return (Map<String, Object>) provenance.get("quality");
    }

    @Override
    public void close() {
        Artifact.deleteStaging(folder);
    }
}
