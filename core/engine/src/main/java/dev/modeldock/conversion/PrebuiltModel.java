package dev.modeldock.conversion;

import dev.modeldock.artifact.Artifact;
import dev.modeldock.artifact.Provenance;
import dev.modeldock.host.Extensions;
import dev.modeldock.metadata.CheckContext;
import dev.modeldock.metadata.MetadataChecker;
import dev.modeldock.metadata.MetadataJson;
import dev.modeldock.metadata.MetadataProblem;
import dev.modeldock.metadata.OnnxMetadata;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.plugin.ExportReceipt;
import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.runtime.OrtSessions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A model that is already ONNX — a classifier, a regressor, a clustering model or an embedding
 * pipeline built elsewhere — taken in with its metadata, checked the way Oracle will check it, and
 * made into the same {@link Artifact} as a converted model (of kind {@code uploaded}).
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
        return check(file, context);
    }

    /**
     * Copies the model into a new staging folder, hashing the bytes as they are copied, and checks
     * the copy: its metadata as Oracle will check it, and that ONNX Runtime with onnxruntime-extensions
     * loads it. What was hashed is what was checked and what an export sends. The artifact's metadata
     * is the one given, with the file's SHA-256 and the provenance added to modelDescription.
     *
     * @param release       the Oracle release the model is meant for, which bounds its size: a file
     *                      over it is refused before it is copied
     * @param stagingParent where the staging folder is made; null for the system's temporary folder
     * @param progress      reports fractions from 0 to 0.9; an export of the artifact takes the rest
     */
    public Artifact stage(OracleRelease release, Path stagingParent, Progress progress) throws IOException {
        refuseErrors(file, release); // a file Oracle would refuse is not worth copying
        Path staging = Artifact.newStaging(stagingParent);
        Path staged = staging.resolve(file.getFileName().toString());
        try {
            progress.report("reading " + file.getFileName(), 0.05);
            MessageDigest digest = Sha256.newDigest();
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                Files.copy(in, staged);
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            long size = Files.size(staged);
            progress.report("checking " + file.getFileName(), 0.3);
            refuseErrors(staged, release);
            OrtSessions.checkLoads(staged);
            Provenance provenance = Provenance.uploaded(file.toString(), file.getFileName().toString(), sha256);
            String metadata = MetadataJson.write(withProvenance(MetadataJson.parse(metadataJson).metadata(), sha256,
                    provenance));
            progress.report("checked " + file.getFileName(), 0.9);
            return new Artifact(staging, staged, sha256, size, metadata, provenance, OptionalInt.empty());
        } catch (ModelDockException e) {
            Artifact.deleteStaging(staging);
            // Messages name the staged copy; the user knows the file by the name they gave.
            throw new ModelDockException(e.getMessage().replace(staged.toString(), file.toString()), e);
        } catch (IOException | RuntimeException e) {
            Artifact.deleteStaging(staging);
            throw e;
        }
    }

    /**
     * Stages and checks the model ({@link #stage}) and hands it to the named target; the staged copy
     * is deleted afterwards.
     *
     * @param release the Oracle release the model is meant for, which bounds its size
     */
    public ExportReceipt export(String exportName, String targetName, Map<String, String> targetSettings,
            OracleRelease release, Progress progress) throws IOException {
        ExportTarget target = extensions.exportTarget(targetName);
        target.check(exportName, targetSettings);
        try (Artifact artifact = stage(release, null, progress)) {
            return artifact.handOverTo(target, exportName, targetSettings, progress);
        }
    }

    /** Refuses {@code model} if Oracle would: the export name is the target's business (its check() ran). */
    private void refuseErrors(Path model, OracleRelease release) throws IOException {
        List<MetadataProblem> errors = check(model, new CheckContext(null, Files.size(model), release)).stream()
                .filter(MetadataProblem::isError).toList();
        if (!errors.isEmpty()) {
            throw new ModelDockException("Oracle would refuse " + file.getFileName() + ": " + String.join("; ",
                    errors.stream().map(MetadataProblem::toString).toList()));
        }
    }

    private List<MetadataProblem> check(Path model, CheckContext context) {
        // Checked before any native code sees the model: a hostile one can crash ONNX Runtime.
        return MetadataChecker.check(ModelSignature.of(OnnxModels.readStructureChecked(model)), metadataJson, context);
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
