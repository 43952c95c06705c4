package dev.modeldock.service.isolation.internal;

import dev.modeldock.artifact.Artifact;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.conversion.EmbeddingModel;
import dev.modeldock.host.Extensions;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.plan.PipelineFunction;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ExternalDataPackage.Member;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.source.ChecksumMismatch;
import dev.modeldock.source.ModelSource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One conversion in a child of its own: reads the request (source, config, whether the quality
 * gate is waived, the pipeline's function, staging folder), converts and validates with the engine and the server's
 * plugins, reporting progress, and ends with {@code converted} (the artifact, left in the staging folder for the server to
 * store) or {@code failed}. It ends when the server closes its input or dies.
 */
public final class ConversionMain {
    private ConversionMain() {
    }

    public static void main(String[] args) {
        ParentChannel server = ParentChannel.open();
        Map<String, Object> request = server.receive();
        if (request == null) {
            return;
        }
        server.haltWhenTheServerGoes();
        try {
            server.send(convert(request, server));
        } catch (ModelDockException e) {
            server.send(Map.of("type", "failed", "message", e.getMessage()));
        } catch (Exception | LinkageError e) {
            e.printStackTrace(); // into the error file, for whoever looks into it
            server.send(Map.of("type", "failed", "message", e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        System.exit(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> convert(Map<String, Object> request, ParentChannel server) throws Exception {
        EmbeddingModelConfig config = EmbeddingModelConfig.fromMap((Map<String, Object>) request.get("config"));
        try (Extensions extensions = Extensions.load()) {
            Map<String, Object> source = (Map<String, Object>) request.get("source");
            String hubId = Messages.text(source, "hubId");
            EmbeddingModel model = new EmbeddingModel(new ModelSource(new ModelFolder(Messages.text(source, "id"),
                    Path.of(Messages.text(source, "folder"))), hubId.isEmpty() ? null : hubId, mismatches(source)),
                    config, extensions, Boolean.TRUE.equals(request.get("ignoreQualityGate")),
                    PipelineFunction.parse(String.valueOf(request.getOrDefault("function", "embedding"))))
                    .forRelease(OracleRelease.of(((Number) request.get("targetRelease")).intValue()));
            // Not closed: the server stores the staged file, then deletes the folder.
            Artifact artifact = model.convert(Path.of(Messages.text(request, "staging")), (stage, fraction) ->
                    server.send(Map.of("type", "progress", "stage", stage, "fraction", fraction)));
            Map<String, Object> converted = new LinkedHashMap<>();
            converted.put("type", "converted");
            converted.put("file", artifact.file().toString());
            converted.put("sha256", artifact.sha256());
            converted.put("metadata", artifact.metadata());
            converted.put("provenance", artifact.provenance().toMap());
            converted.put("dimensions", artifact.dimensions().orElse(-1));
            converted.put("packaged", artifact.packaged().stream().map(Member::toMap).toList());
            return converted;
        }
    }

    /** The checksum mismatches the server let through, for the provenance. */
    @SuppressWarnings("unchecked")
    private static List<ChecksumMismatch> mismatches(Map<String, Object> source) {
        return ((List<Map<String, Object>>) source.getOrDefault("checksumMismatches", List.of())).stream()
                .map(m -> new ChecksumMismatch(Messages.text(m, "file"), Messages.text(m, "expected"),
                        Messages.text(m, "actual"))).toList();
    }
}
