package dev.modeldock.conversion;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.modeldock.artifact.Artifact;
import dev.modeldock.artifact.Provenance;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Json;
import dev.modeldock.graph.PipelineAssembler;
import dev.modeldock.host.Extensions;
import dev.modeldock.metadata.CheckContext;
import dev.modeldock.metadata.LanguageRules;
import dev.modeldock.metadata.MetadataChecker;
import dev.modeldock.metadata.MetadataJson;
import dev.modeldock.metadata.MetadataProblem;
import dev.modeldock.metadata.OnnxMetadata;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.metadata.PipelineMetadata;
import dev.modeldock.onnx.ExternalData;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.onnx.WeightOrigins;
import dev.modeldock.plan.PipelineFunction;
import dev.modeldock.plan.PipelinePlan;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.PostProcessor;
import dev.modeldock.plugin.Progress;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.source.EncoderGraph;
import dev.modeldock.source.HubModel;
import dev.modeldock.source.ModelSource;
import dev.modeldock.transform.WeightFormat;
import dev.modeldock.transform.WeightValues;
import dev.modeldock.validation.ParityCheck;
import dev.modeldock.validation.ParityReport;
import dev.modeldock.validation.ProbePairs;
import dev.modeldock.validation.ProbeText;
import dev.modeldock.validation.ProbeTexts;
import dev.modeldock.validation.QualityCheck;
import dev.modeldock.validation.QualityReport;
import dev.modeldock.validation.RetrievalPairs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One conversion: plan, assemble, write to a staging folder, check against the reference. The
 * result is the {@link Artifact}, which the caller exports or stores and then closes, deleting the
 * staging folder.
 */
public final class Conversion {
    private static final Logger LOG = LoggerFactory.getLogger(Conversion.class);
    /**
     * The pipeline size from which the weights' heap is handed back before validation: a full
     * collection costs a second or so in a busy JVM, and below this the weights are no large part of
     * the process (a 1.34 GB model peaked at 4.60 GB RSS without it, 2.88 GB with it).
     */
    private static final long COLLECT_FROM_BYTES = 256L << 20;

    private Conversion() {
    }

    /**
     * {@link #run(ModelSource, EmbeddingModelConfig, Extensions, Path, boolean, Progress)} staging in the
     * system's temporary folder, the quality gate enforced.
     */
    public static Artifact run(ModelSource source, EmbeddingModelConfig config, Extensions extensions,
            Progress progress) throws IOException {
        return run(source, config, extensions, null, false, progress);
    }

    /**
     * {@link #run(ModelSource, EmbeddingModelConfig, Extensions, Path, boolean, Progress)} with the quality
     * gate enforced.
     */
    public static Artifact run(ModelSource source, EmbeddingModelConfig config, Extensions extensions,
            Path stagingParent, Progress progress) throws IOException {
        return run(source, config, extensions, stagingParent, false, progress);
    }

    /**
     * Builds and checks the pipeline. Every input file is hashed when the conversion first looks it
     * up, before it is read, and compared with its bytes again at the end: a file changed in between
     * fails the conversion, so the provenance's digests are of what was converted.
     *
     * <p>With {@code quantize_model} or {@code use_float16}, the float32 pipeline is built and checked
     * against the reference first; the encoder's weights are then rewritten, and the result is
     * compared with the float32 pipeline ({@link QualityCheck}) and kept only if it meets the gate.
     *
     * @param stagingParent     where the artifact's staging folder is made; null for the system's temporary folder
     * @param ignoreQualityGate keep an int8 or float16 pipeline below its quality gate (recorded as waived)
     * @param progress          reports fractions from 0 to 0.9; an export of the artifact takes the rest
     * @throws ModelDockException for any problem with the model or configuration, when the pipeline
     *                            does not reproduce the reference on ASCII text, when a rewritten one
     *                            falls below its quality gate, and when an input file changed during
     *                            the conversion
     */
    public static Artifact run(ModelSource source, EmbeddingModelConfig config, Extensions extensions,
            Path stagingParent, boolean ignoreQualityGate, Progress progress) throws IOException {
        return run(source, config, PipelineFunction.EMBEDDING, extensions, stagingParent, ignoreQualityGate, progress);
    }

    /**
     * The same for the given function: an embedding pipeline, a reranker (function regression)
     * scoring text pairs, checked against the reference on {@link ProbePairs}, or a text classifier
     * (function classification), checked on the probe texts as an embedding is.
     */
    public static Artifact run(ModelSource source, EmbeddingModelConfig config, PipelineFunction function,
            Extensions extensions, Path stagingParent, boolean ignoreQualityGate, Progress progress)
            throws IOException {
        return run(source, config, function, OracleRelease.DEFAULT, extensions, stagingParent, ignoreQualityGate,
                progress);
    }

    /**
     * The same for the given Oracle release, whose file size limit the pipeline must meet: a pipeline
     * over it is refused as soon as it is assembled, before it is written, naming what would bring it in.
     */
    public static Artifact run(ModelSource source, EmbeddingModelConfig config, PipelineFunction function,
            OracleRelease release, Extensions extensions, Path stagingParent, boolean ignoreQualityGate,
            Progress progress) throws IOException {
        refuseUnknownLanguages(config);
        PipelineLayout.refuseUnloadableExternalData(config, release);
        WeightFormat format = WeightFormat.of(config);
        // A folder of this run's own, so that the digests are of what this run read.
        ModelFolder folder = new ModelFolder(source.folder().id(), source.folder().root());
        progress.report("reading " + folder.id(), 0.02);
        LOG.debug("converting {} from {} with {}", folder.id(), folder.root(), config.toMap());
        HubModel model = HubModel.open(folder);
        // Checked before ONNX Runtime sees the encoder (the reference embedder, the parity check).
        WeightOrigins origins = new WeightOrigins(); // where a float32 reference can find the weights without a copy
        PipelinePlan plan = PipelinePlan.create(model, EncoderGraph.of(model.encoder(origins)), config, function,
                extensions);
        if (format != WeightFormat.FLOAT32 && function != PipelineFunction.EMBEDDING) {
            throw new ModelDockException("quantize_model and use_float16 are checked against retrieval on embeddings,"
                    + " which a " + function.jsonName() + " pipeline has none of; convert it with float32 weights");
        }
        LOG.debug("plan: tokenizer {}, encoder inputs {}, max_seq_length {}, post-processors {}, {} values out,"
                + " {} weights", plan.tokenizer().name(), plan.encoder().inputs(), plan.maxSeqLength(),
                plan.steps().stream().map(step -> step.processor().name()).toList(), plan.outputWidth(),
                format.jsonName());

        progress.report("assembling the pipeline graph", 0.25);
        Map<String, String> plugins = new LinkedHashMap<>();
        plugins.put("tokenizer:" + plan.tokenizer().name(), extensions.origin(plan.tokenizer()));
        for (PipelinePlan.Step step : plan.steps()) {
            PostProcessor processor = step.processor();
            plugins.put("post_processor:" + processor.name(), extensions.origin(processor));
        }
        ModelProto pipeline = PipelineAssembler.assemble(plan,
                Map.of(PipelineLayout.CONFIGURATION_PROPERTY, Json.write(config.toMap())));
        plan = plan.withoutEncoderWeights(); // the pipeline holds them now
        Path staging = Artifact.newStaging(stagingParent);
        try {
            progress.report("writing the pipeline", 0.35);
            Path float32 = staging.resolve("float32.onnx");
            long referenceBytes = OnnxModels.serializedSize(pipeline);
            if (format != WeightFormat.FLOAT32) {
                long writing = System.nanoTime();
                ModelProto reference = ExternalData.write(pipeline, float32, PipelineLayout.EXTERNAL_FROM_BYTES,
                        origins);
                origins.clear();
                pipeline = null; // its weights are in the reference's data files, to be read back one at a time
                collectIfLarge(referenceBytes);
                LOG.debug("float32 reference written in {} s", seconds(writing));
                progress.report("rewriting the encoder's weights as " + format.jsonName(), 0.4);
                long rewriting = System.nanoTime();
                pipeline = rewritten(format, reference, float32);
                LOG.debug("weights rewritten as {} in {} s", format.jsonName(), seconds(rewriting));
            }
            origins.clear(); // it holds the source's mappings, which validation must not keep
            long pipelineBytes = format == WeightFormat.FLOAT32 ? referenceBytes : OnnxModels.serializedSize(pipeline);
            PipelineLayout layout = PipelineLayout.write(pipeline, config, format, release, staging);
            config = layout.config();
            float32 = format == WeightFormat.FLOAT32 ? layout.onnx() : float32;
            long size = layout.onnxBytes();
            pipeline = null; // the file is the artifact now; the graph need not stay in memory through validation
            collectIfLarge(pipelineBytes); // the weights' size, wherever they were written
            Path tokenizer = staging.resolve("tokenizer.onnx");
            OnnxModels.write(PipelineAssembler.tokenizerOnly(plan), tokenizer);

            progress.report("checking the pipeline against the reference", 0.5);
            long validating = System.nanoTime();
            List<ProbeText> probes = ProbeTexts.builtIn();
            ParityReport parity = function.takesPairs()
                    ? ParityCheck.runPairs(plan, float32, tokenizer, ProbePairs.builtIn())
                    : ParityCheck.run(plan, float32, tokenizer, probes);
            Files.delete(tokenizer); // the staging folder keeps the artifact alone
            parity.describe().forEach(line -> LOG.debug("parity: {}", line));
            if (!parity.passed()) {
                throw new ModelDockException("the pipeline does not reproduce the reference " + switch (function) {
                    case EMBEDDING -> "embeddings";
                    case REGRESSION -> "scores";
                    case CLASSIFICATION -> "classifier outputs";
                } + " on ASCII text (" + parity.criterion() + "): "
                        + String.join("; ", parity.describe()));
            }
            QualityReport quality = null;
            if (format != WeightFormat.FLOAT32) {
                progress.report("comparing the " + format.jsonName() + " pipeline with float32", 0.7);
                quality = gated(format, float32, referenceBytes, layout.onnx(), probes, ignoreQualityGate);
            }
            // The one figure the large-model benchmark reads: the rest of the wall time is reading and writing.
            LOG.debug("validation took {} s", seconds(validating));
            PipelineLayout.Written written = layout.finish();
            String sha256 = written.sha256();
            long artifactBytes = Files.size(written.file());
            LOG.debug("pipeline written to {} ({} bytes, SHA-256 {})", written.file(), artifactBytes, sha256);
            Provenance provenance = Provenance.converted(folder.id(), source.revision(), folder.inputs(),
                    config.toMap(), plugins, parity, quality, source.checksumMismatches());
            OnnxMetadata metadata = PipelineMetadata.of(plan, sha256, provenance);
            List<MetadataProblem> problems = MetadataChecker.check(layout.signature(), metadata,
                    new CheckContext(null, size, release, layout.external()));
            if (problems.stream().anyMatch(MetadataProblem::isError)) {
                throw new ModelDockException("the pipeline would not import into Oracle: " + problems);
            }
            LOG.debug("Oracle metadata checked: {} warning(s)", problems.size());
            refuseChangedInputs(folder, provenance.sourceFiles());
            progress.report("pipeline checked", 0.9);
            return new Artifact(staging, written.file(), sha256, artifactBytes, MetadataJson.write(metadata),
                    provenance, function == PipelineFunction.EMBEDDING ? OptionalInt.of(plan.outputWidth())
                            : OptionalInt.empty(), written.members());
        } catch (IOException | RuntimeException | InternalError | OutOfMemoryError e) {
            // Out of memory too: the command line then exits with its one line, and a staged float32
            // reference would stay in the temporary folder for good. The heap is free again by now.
            Artifact.deleteStaging(staging);
            if (e instanceof InternalError) {
                // The source's weights are read where they lie in its mapped file: a file cut short
                // under the conversion faults when they are read, which the JVM raises as an
                // InternalError. Say which file changed, as for any other change, if one did.
                refuseChangedInputs(folder, folder.inputs());
            }
            throw e;
        }
    }

    /**
     * The pipeline with its encoder's weights rewritten in {@code format}, from the float32 reference
     * written with its weights in external data: each weight is read back when it is rewritten, so
     * the float32 weights are never all in memory beside their rewritten copies (a 2.2 GB model's
     * would be). The weights left as they were are read back into the pipeline, which is one file.
     */
    private static ModelProto rewritten(WeightFormat format, ModelProto reference, Path float32) throws IOException {
        ModelProto pipeline = format.apply(reference, name -> name.startsWith(PipelineAssembler.ENCODER_PREFIX),
                WeightValues.beside(float32));
        return ExternalData.inlined(pipeline, float32);
    }

    /** The seconds since {@code start} (a {@link System#nanoTime()}), to a tenth, for the debug log. */
    private static String seconds(long start) {
        return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9);
    }

    /**
     * Once a model of {@code weightBytes} is garbage, a full collection lets the JVM give its memory
     * back to the system before ONNX Runtime, or the next rewrite, takes about as much again.
     */
    private static void collectIfLarge(long weightBytes) {
        if (weightBytes >= COLLECT_FROM_BYTES) {
            System.gc();
        }
    }

    /**
     * The rewritten pipeline compared with the float32 one, which is deleted: the staging folder keeps
     * the artifact alone.
     *
     * @throws ModelDockException when the rewritten pipeline is below its gate and the gate holds
     */
    private static QualityReport gated(WeightFormat format, Path float32, long float32Bytes, Path rewritten,
            List<ProbeText> probes, boolean ignoreQualityGate) throws IOException {
        QualityReport quality = QualityCheck.run(format, float32, float32Bytes, rewritten, probes,
                RetrievalPairs.builtIn(), ignoreQualityGate);
        ExternalData.delete(float32);
        LOG.debug("quality: {}", quality.describe());
        if (!quality.passed() && !ignoreQualityGate) {
            throw new ModelDockException(quality.refusal());
        }
        if (!quality.passed()) {
            LOG.warn("{}: below the {} gate of {}, kept because ignore_quality_gate is set", quality.describe(),
                    format.jsonName(), format.minMeanCosine());
        }
        return quality;
    }

    /**
     * Refuses the result when an input file no longer holds the bytes it held when it was first
     * handed out: the conversion may have read either version, so no digest would be honest. A file
     * whose attributes show no change since ({@link ModelFolder#unchangedSinceHashed}) is not read
     * again. (A file changed and changed back to the same bytes in between goes unnoticed.)
     */
    private static void refuseChangedInputs(ModelFolder folder, Map<String, String> recorded) {
        for (Map.Entry<String, String> input : recorded.entrySet()) {
            if (folder.unchangedSinceHashed(input.getKey())) {
                continue; // its attributes vouch for it: a 2 GB encoder is not read a third time
            }
            String now;
            try {
                now = Sha256.of(folder.root().resolve(input.getKey()));
            } catch (IOException e) {
                now = "unreadable (" + e.getMessage() + ")";
            }
            if (!now.equals(input.getValue())) {
                throw new ModelDockException("model '" + folder.id() + "': " + input.getKey() + " changed while it was"
                        + " being converted (SHA-256 " + input.getValue() + " when it was first read, " + now
                        + " now); nothing was exported: convert again once the model's files stay put");
            }
        }
    }

    /** Oracle's language list is known now; a misspelt language need not wait for the whole conversion. */
    private static void refuseUnknownLanguages(EmbeddingModelConfig config) {
        List<MetadataProblem> problems = LanguageRules.check(config.languages());
        if (!problems.isEmpty()) {
            throw new ModelDockException("the pipeline would not import into Oracle: " + problems.stream()
                    .map(MetadataProblem::toString).collect(Collectors.joining("; ")));
        }
    }
}
