package dev.modeldock.conversion;

import dev.modeldock.host.Extensions;
import dev.modeldock.metadata.CheckContext;
import dev.modeldock.metadata.MetadataChecker;
import dev.modeldock.metadata.MetadataJson;
import dev.modeldock.metadata.MetadataProblem;
import dev.modeldock.metadata.OnnxMetadata;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.plugin.ExportReceipt;
import dev.modeldock.plugin.ExportRequest;
import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.provenance.Provenance;
import dev.modeldock.runtime.OrtSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model that is already ONNX — a classifier, a regressor, a clustering model or an embedding
 * pipeline built elsewhere — taken in with its metadata, checked the way Oracle will check it, and
 * exported through the same targets as a converted model.
 */
public final class PrebuiltModel {
    private final Path file;
    private final String metadataJson;
    private final Extensions extensions;

    public PrebuiltModel(Path file, String metadataJson, Extensions extensions) {
        this.file = file;
        this.metadataJson = metadataJson;
        this.extensions = extensions;
    }

    /** Every problem Oracle would raise on import under {@code context}; warnings included. */
    public List<MetadataProblem> check(CheckContext context) {
        return MetadataChecker.check(ModelSignature.of(OnnxModels.readStructure(file)), metadataJson, context);
    }

    /**
     * Checks the model (its metadata, and that ONNX Runtime with onnxruntime-extensions can load it)
     * and hands it to the named target.
     *
     * @param targetRelease the Oracle release the model is meant for, which bounds its size
     */
    public ExportOutcome export(String exportName, String targetName, Map<String, String> targetSettings,
            int targetRelease, Progress progress) throws IOException {
        ExportTarget target = extensions.exportTarget(targetName);
        target.check(exportName, targetSettings);
        progress.report("checking " + file.getFileName(), 0.05);
        // The export name is the target's business: its check() above already refused one it cannot take.
        List<MetadataProblem> errors = check(new CheckContext(null, Files.size(file), targetRelease)).stream()
                .filter(MetadataProblem::isError).toList();
        if (!errors.isEmpty()) {
            throw new ModelDockException("Oracle would refuse " + file.getFileName() + ": " + String.join("; ",
                    errors.stream().map(MetadataProblem::toString).toList()));
        }
        OrtSessions.checkLoads(file);
        String sha256 = Sha256.of(file);
        Provenance provenance = new Provenance(file.toString(), new TreeMap<>(Map.of(file.getFileName().toString(),
                sha256)), Map.of("export_target:" + targetName, extensions.origin(target)), Provenance.toolVersion());
        String metadata = MetadataJson.write(withProvenance(MetadataJson.parse(metadataJson).metadata(), sha256,
                provenance));
        progress.report("exporting", 0.2);
        ExportReceipt receipt = target.export(new ExportRequest(exportName, file, sha256, metadata, targetSettings),
                (stage, fraction) -> progress.report(stage, 0.2 + 0.8 * fraction));
        return new ExportOutcome(receipt, null, metadata, provenance, -1);
    }

    /** The metadata with the artifact's SHA-256 and provenance added to modelDescription. */
    private static OnnxMetadata withProvenance(OnnxMetadata m, String sha256, Provenance provenance) {
        Map<String, Object> description = new LinkedHashMap<>(m.modelDescription() == null ? Map.of()
                : m.modelDescription());
        description.put("sha256", sha256);
        description.put("provenance", provenance.toMap());
        return new OnnxMetadata(m.function(), m.input(), m.regressionOutput(), m.classificationProbOutput(),
                m.classificationLabelOutput(), m.clusteringDistanceOutput(), m.clusteringProbOutput(),
                m.embeddingOutput(), m.labels(), m.normalizeProb(), m.defaultOnNull(), m.suitableDistanceMetrics(),
                m.normalization(), m.maxSequenceLength(), m.pooling(), description, m.languages(), m.tokenizer(),
                m.embeddingLayer());
    }
}
