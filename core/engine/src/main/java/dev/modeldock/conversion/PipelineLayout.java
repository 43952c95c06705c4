package dev.modeldock.conversion;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.modeldock.artifact.ExternalDataPackager;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Json;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.metadata.SizeAdvice;
import dev.modeldock.onnx.DataFile;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.plugin.ExternalDataPackage;
import dev.modeldock.plugin.ExternalDataPackage.Member;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.transform.WeightFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A pipeline written to the staging folder in the layout its configuration and release call for:
 * one ONNX file, or, with {@code use_external_data}, the package OML4Py's {@code export2file} makes of
 * a large model: the ONNX file with its weights in a data file named by its content, and their
 * descriptor, in one zip. Left unset, external data is chosen as OML4Py chooses
 * it, and the choice is recorded in the configuration.
 */
final class PipelineLayout {
    /**
     * The pipeline size above which OML4Py 2.1.1 writes an unquantized model's weights as external
     * data unless told otherwise: 23ai's 1 GB.
     */
    static final long AUTO_EXTERNAL_ABOVE_BYTES = OracleRelease.DB_23AI.maxFileBytes();
    /** The pipeline's metadata property holding the configuration it was converted with. */
    static final String CONFIGURATION_PROPERTY = "modeldock.configuration";
    /** The smallest initializer kept in external data, in a float32 reference or a package: onnx's own threshold. */
    static final long EXTERNAL_FROM_BYTES = 1024;
    /** The ONNX file's name in a package, which its descriptor and data file are named after. */
    private static final String PACKAGED_STEM = "model";

    private final Path onnx;
    private final long onnxBytes;
    private final Written written;
    private final EmbeddingModelConfig config;
    private final ModelSignature signature;

    private PipelineLayout(Path onnx, long onnxBytes, Written written, EmbeddingModelConfig config,
            ModelSignature signature) {
        this.onnx = onnx;
        this.onnxBytes = onnxBytes;
        this.written = written;
        this.config = config;
        this.signature = signature;
    }

    /** The artifact's file, as written, with its SHA-256 and, for a package, its members. */
    record Written(Path file, String sha256, List<Member> members) {
    }

    /**
     * Writes {@code pipeline} into {@code staging}.
     *
     * @throws ModelDockException for a single file over the release's limit, before a byte is written
     */
    static PipelineLayout write(ModelProto pipeline, EmbeddingModelConfig config, WeightFormat format,
            OracleRelease release, Path staging) throws IOException {
        long bytes = OnnxModels.serializedSize(pipeline);
        if (!usesExternalData(config, format, release, bytes)) {
            SizeAdvice.refusal(bytes, format, release).ifPresent(why -> {
                throw new ModelDockException(why);
            });
            Path file = staging.resolve("pipeline.onnx");
            String sha256 = OnnxModels.writeHashed(pipeline, file);
            return new PipelineLayout(file, Files.size(file), new Written(file, sha256, List.of()), config,
                    ModelSignature.of(pipeline));
        }
        if (config.useExternalData().isEmpty()) {
            // Chosen by size and release: recorded as given, so that the configuration alone says what
            // was made, and converting with it again gives the same bytes for either release.
            config = config.with(Map.of("use_external_data", true));
            pipeline = withConfiguration(pipeline, config);
        }
        // Written once, straight into the package; validation runs a twin of the ONNX file that finds
        // the weights inside the zip, so the data file is never written loose and copied in.
        DataFile data = DataFile.contentNamed(pipeline, PACKAGED_STEM, EXTERNAL_FROM_BYTES);
        Path zip = staging.resolve(PACKAGED_STEM + ".zip");
        ExternalDataPackager.Packed packed = ExternalDataPackager.pack(PACKAGED_STEM, data, zip);
        Path twin = staging.resolve(PACKAGED_STEM + ".onnx");
        OnnxModels.write(data.referencing(zip.getFileName().toString(), packed.dataStart()), twin);
        return new PipelineLayout(twin, ExternalDataPackage.model(packed.members()).bytes(),
                new Written(zip, packed.sha256(), packed.members()), config, ModelSignature.of(pipeline));
    }

    /**
     * The ONNX file ONNX Runtime validates: the pipeline itself, or for a package, a twin of the one
     * inside it whose weights are read from where they lie in the zip.
     */
    Path onnx() {
        return onnx;
    }

    /** The size of the ONNX file Oracle loads, for the metadata check. */
    long onnxBytes() {
        return onnxBytes;
    }

    /** Whether the weights are in external data. */
    boolean external() {
        return !written.file().equals(onnx);
    }

    /** The configuration, with {@code use_external_data} recorded when it was chosen by size. */
    EmbeddingModelConfig config() {
        return config;
    }

    ModelSignature signature() {
        return signature;
    }

    /** The artifact, once validated: the ONNX file itself, or the package, without the twin beside it. */
    Written finish() throws IOException {
        if (external()) {
            Files.delete(onnx);
        }
        return written;
    }

    /** Refuses {@code use_external_data} for a release that loads no external data, before any work. */
    static void refuseUnloadableExternalData(EmbeddingModelConfig config, OracleRelease release) {
        if (config.useExternalData().orElse(false) && !release.loadsExternalData()) {
            throw new ModelDockException("use_external_data is true, but " + release.displayName() + " loads one ONNX"
                    + " file without external data; export for Oracle Database 26ai (--target-release 26 on the"
                    + " command line, \"targetRelease\": 26 in the API), or leave use_external_data unset");
        }
    }

    /**
     * Whether the weights go to external data, as OML4Py 2.1.1 decides: as {@code use_external_data}
     * says, and when it says nothing, for an unquantized pipeline over 1 GB. Only Oracle Database
     * 26ai loads external data, so for 23ai it is never chosen by default.
     */
    static boolean usesExternalData(EmbeddingModelConfig config, WeightFormat format, OracleRelease release,
            long pipelineBytes) {
        return config.useExternalData().orElse(release.loadsExternalData() && format != WeightFormat.INT8
                && pipelineBytes > AUTO_EXTERNAL_ABOVE_BYTES);
    }

    /** The pipeline with its recorded configuration replaced; the graph and its weights are shared, not copied. */
    private static ModelProto withConfiguration(ModelProto pipeline, EmbeddingModelConfig config) {
        ModelProto.Builder builder = pipeline.toBuilder();
        for (int i = 0; i < builder.getMetadataPropsCount(); i++) {
            if (builder.getMetadataProps(i).getKey().equals(CONFIGURATION_PROPERTY)) {
                builder.setMetadataProps(i, builder.getMetadataProps(i).toBuilder()
                        .setValue(Json.write(config.toMap())));
            }
        }
        return builder.build();
    }
}
