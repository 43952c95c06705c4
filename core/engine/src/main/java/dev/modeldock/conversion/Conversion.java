package dev.modeldock.conversion;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.graph.PipelineAssembler;
import dev.modeldock.host.Extensions;
import dev.modeldock.metadata.CheckContext;
import dev.modeldock.metadata.EmbeddingMetadata;
import dev.modeldock.metadata.MetadataChecker;
import dev.modeldock.metadata.MetadataJson;
import dev.modeldock.metadata.MetadataProblem;
import dev.modeldock.metadata.OnnxMetadata;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.plan.PipelinePlan;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.PostProcessor;
import dev.modeldock.plugin.Progress;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.provenance.Provenance;
import dev.modeldock.source.EncoderGraph;
import dev.modeldock.source.HubModel;
import dev.modeldock.source.ModelSource;
import dev.modeldock.validation.ParityCheck;
import dev.modeldock.validation.ParityReport;
import dev.modeldock.validation.ProbeTexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One conversion: plan, assemble, write to a staging folder, check against the reference. The
 * result is a staged artifact that an export target copies out; {@link Staged#close()} deletes it.
 */
public final class Conversion {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Conversion() {
    }

    /** A checked pipeline waiting in a staging folder. */
    public record Staged(Path folder, Path model, String sha256, PipelinePlan plan, ParityReport parity,
            String metadata, Provenance provenance) implements AutoCloseable {
        @Override
        public void close() {
            deleteStaging(folder);
        }
    }

    /**
     * Builds and checks the pipeline.
     *
     * @throws ModelDockException for any problem with the model or configuration, and when the
     *                            pipeline does not reproduce the reference on ASCII text
     */
    public static Staged run(ModelSource source, EmbeddingModelConfig config, Extensions extensions,
            Progress progress) throws IOException {
        refuseUnbuiltTransforms(config);
        progress.report("reading " + source.folder().id(), 0.02);
        HubModel model = HubModel.open(source.folder());
        EncoderGraph encoder = EncoderGraph.of(OnnxModels.read(model.encoderFile()));
        PipelinePlan plan = PipelinePlan.create(model, encoder, config, extensions);

        progress.report("assembling the pipeline graph", 0.25);
        Map<String, String> plugins = new LinkedHashMap<>();
        plugins.put("tokenizer:" + plan.tokenizer().name(), extensions.origin(plan.tokenizer()));
        for (PipelinePlan.Step step : plan.steps()) {
            PostProcessor processor = step.processor();
            plugins.put("post_processor:" + processor.name(), extensions.origin(processor));
        }
        ModelProto pipeline = PipelineAssembler.assemble(plan, Map.of("modeldock.configuration", json(config.toMap())));
        Path folder = Files.createTempDirectory("modeldock-staging-");
        try {
            progress.report("writing the pipeline", 0.4);
            Path file = folder.resolve("pipeline.onnx");
            OnnxModels.write(pipeline, file);
            ModelSignature signature = ModelSignature.of(pipeline);
            pipeline = null; // the file is the artifact now; the graph need not stay in memory through validation
            Path tokenizer = folder.resolve("tokenizer.onnx");
            OnnxModels.write(PipelineAssembler.tokenizerOnly(plan), tokenizer);
            String sha256 = Sha256.of(file);

            progress.report("checking the pipeline against the reference", 0.55);
            ParityReport parity = ParityCheck.run(plan, file, tokenizer, ProbeTexts.builtIn());
            if (!parity.passed()) {
                throw new ModelDockException("the pipeline does not reproduce the reference embeddings on ASCII text"
                        + " (min cosine below " + ParityReport.MIN_ASCII_COSINE + "): " + String.join("; ",
                        parity.describe()));
            }
            Provenance provenance = new Provenance(source.folder().id(),
                    Provenance.hashFiles(source.folder().root(), source.folder().consulted()), plugins,
                    Provenance.toolVersion());
            OnnxMetadata metadata = EmbeddingMetadata.of(plan, sha256, provenance);
            List<MetadataProblem> problems = MetadataChecker.check(signature, metadata,
                    new CheckContext(null, Files.size(file), 26));
            if (problems.stream().anyMatch(MetadataProblem::isError)) {
                throw new ModelDockException("the pipeline would not import into Oracle: " + problems);
            }
            progress.report("pipeline checked", 0.9);
            return new Staged(folder, file, sha256, plan, parity, MetadataJson.write(metadata), provenance);
        } catch (IOException | RuntimeException e) {
            deleteStaging(folder);
            throw e;
        }
    }

    private static void deleteStaging(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean staging folder " + folder, e);
        }
    }

    private static void refuseUnbuiltTransforms(EmbeddingModelConfig config) {
        if (config.quantizeModel()) {
            throw new ModelDockException("quantize_model is true, but quantization is not built yet; set"
                    + " quantize_model to false to export the float32 pipeline");
        }
        if (config.useFloat16()) {
            throw new ModelDockException("use_float16 is true, but float16 conversion is not built yet; set"
                    + " use_float16 to false to export the float32 pipeline");
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
