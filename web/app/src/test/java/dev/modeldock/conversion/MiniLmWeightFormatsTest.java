package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.artifact.Artifact;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.export.oracle.standin.StandInDatabase;
import dev.modeldock.export.oracle.standin.StandInSettings;
import dev.modeldock.metadata.CheckContext;
import dev.modeldock.metadata.MetadataChecker;
import dev.modeldock.metadata.MetadataProblem;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.plugin.ExportRequest;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.service.Json;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.plugin.Plugins;
import dev.modeldock.transform.WeightFormat;
import dev.modeldock.validation.ParityCheck;
import dev.modeldock.validation.QualityReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The preconfigured all-MiniLM-L6-v2 exported with int8 weights ({@code quantize_model}) and with
 * float16 weights ({@code use_float16}), each compared with the float32 export of the same model.
 */
class MiniLmWeightFormatsTest {
    private static final String TEXT = "Vector search lives next to the rows it describes.";

    @TempDir
    static Path work;
    static Path hubFolder;
    static final Map<WeightFormat, Path> FILES = new EnumMap<>(WeightFormat.class);
    static final Map<WeightFormat, QualityReport> QUALITY = new EnumMap<>(WeightFormat.class);

    @BeforeAll
    static void exportEveryFormat() throws Exception {
        hubFolder = MiniLmHubFolder.create(work.resolve("hub"));
        for (WeightFormat format : WeightFormat.values()) {
            try (Artifact artifact = convert(format)) {
                Path out = work.resolve(format.jsonName());
                artifact.exportTo(Plugins.builtIn().exportTarget("file"), "minilm", Map.of("output_dir",
                        out.toString()), (stage, fraction) -> { });
                FILES.put(format, out.resolve("minilm.onnx"));
                QUALITY.put(format, artifact.provenance().quality());
            }
        }
    }

    private static Artifact convert(WeightFormat format) throws Exception {
        return new EmbeddingModel(hubFolder.toString(), config(format), Settings.defaults(), Plugins.builtIn())
                .convert(work.resolve("staging"), (stage, fraction) -> { });
    }

    private static EmbeddingModelConfig config(WeightFormat format) {
        EmbeddingModelConfig preconfigured = EmbeddingModelConfig.preconfigured(MiniLmHubFolder.HUB_ID).orElseThrow();
        return format.property() == null ? preconfigured : preconfigured.with(Map.of(format.property(), true));
    }

    @ParameterizedTest
    @EnumSource(names = {"INT8", "FLOAT16"})
    void keepsTheFileContractOfOneStringInAndOneFloatEmbeddingOut(WeightFormat format) {
        ModelSignature signature = ModelSignature.of(OnnxModels.read(FILES.get(format)));
        assertEquals(ModelSignature.of(OnnxModels.read(FILES.get(WeightFormat.FLOAT32))).toString(),
                signature.toString());
    }

    @ParameterizedTest
    @EnumSource(names = {"INT8", "FLOAT16"})
    void usesOnlyStandardOperatorsAtOpset17AndTheContribTokenizer(WeightFormat format) {
        ModelProto model = OnnxModels.read(FILES.get(format));
        assertEquals(Map.of("", 17L, "ai.onnx.contrib", 1L), model.getOpsetImportList().stream()
                .collect(Collectors.toMap(OperatorSetIdProto::getDomain, OperatorSetIdProto::getVersion)));
        assertEquals(Set.of("", "ai.onnx.contrib"), model.getGraph().getNodeList().stream().map(NodeProto::getDomain)
                .collect(Collectors.toSet()));
        Set<String> ops = model.getGraph().getNodeList().stream().map(NodeProto::getOpType).collect(Collectors.toSet());
        if (format == WeightFormat.INT8) {
            assertTrue(ops.containsAll(Set.of("DynamicQuantizeLinear", "MatMulInteger")), ops.toString());
        } else {
            Set<Integer> types = model.getGraph().getInitializerList().stream().map(TensorProto::getDataType)
                    .collect(Collectors.toSet());
            assertTrue(types.contains(TensorProto.DataType.FLOAT16_VALUE), types.toString());
        }
    }

    @Test
    void int8IsAtMostThreeTenthsOfFloat32AndFloat16AboutHalf() throws Exception {
        double float32 = Files.size(FILES.get(WeightFormat.FLOAT32));
        double int8 = Files.size(FILES.get(WeightFormat.INT8)) / float32;
        double float16 = Files.size(FILES.get(WeightFormat.FLOAT16)) / float32;
        assertTrue(int8 <= 0.3, "int8 size ratio " + int8);
        assertTrue(float16 > 0.45 && float16 < 0.55, "float16 size ratio " + float16);
        assertEquals(Files.size(FILES.get(WeightFormat.INT8)), QUALITY.get(WeightFormat.INT8).bytes());
        // The same float32 pipeline but for its recorded configuration ("quantize_model": true, not false).
        assertEquals(float32, QUALITY.get(WeightFormat.INT8).float32Bytes(), 8);
    }

    @ParameterizedTest
    @EnumSource(names = {"INT8", "FLOAT16"})
    void meetsItsQualityGateAgainstFloat32AndFindsTheSameDocuments(WeightFormat format) throws Exception {
        QualityReport quality = QUALITY.get(format);
        assertTrue(quality.passed() && !quality.waived(), quality.describe());
        assertTrue(quality.meanCosine() >= format.minMeanCosine(), quality.describe());
        assertTrue(quality.minCosine() >= (format == WeightFormat.INT8 ? 0.95 : 0.999), quality.describe());
        assertTrue(quality.top1Agreement() >= quality.queries() - 2, quality.describe());
        // Measured again here, on a text the check never saw.
        try (PipelineSession float32 = PipelineSession.open(FILES.get(WeightFormat.FLOAT32), 1);
                PipelineSession rewritten = PipelineSession.open(FILES.get(format), 1)) {
            double cosine = ParityCheck.cosine(float32.embed(TEXT), rewritten.embed(TEXT));
            assertTrue(cosine >= format.minMeanCosine(), format + ": " + cosine);
        }
    }

    @Test
    void float32RecordsNoQualityReport() {
        assertEquals(null, QUALITY.get(WeightFormat.FLOAT32));
    }

    @ParameterizedTest
    @EnumSource(names = {"INT8", "FLOAT16"})
    void metadataPassesOraclesChecksAndRecordsTheWeights(WeightFormat format) throws Exception {
        Path metadataFile = FILES.get(format).resolveSibling("minilm.json");
        List<MetadataProblem> problems = MetadataChecker.check(ModelSignature.of(OnnxModels.read(FILES.get(format))),
                Files.readString(metadataFile), new CheckContext("MINILM", Files.size(FILES.get(format)), OracleRelease.DB_23AI));
        assertFalse(problems.stream().anyMatch(MetadataProblem::isError), problems.toString());
        JsonNode description = Json.MAPPER.readTree(metadataFile.toFile()).path("modelDescription");
        assertEquals(format.jsonName(), description.path("weights").asText());
        assertTrue(description.path("provenance").path("configuration").path(format.property()).asBoolean());
        assertEquals(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(QUALITY.get(format).toMap())),
                description.path("provenance").path("quality"));
    }

    @Test
    void theSameInputsGiveTheSameInt8Bytes() throws Exception {
        try (Artifact again = convert(WeightFormat.INT8)) {
            assertEquals(Sha256.of(FILES.get(WeightFormat.INT8)), again.sha256());
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"INT8", "FLOAT16"})
    void deploysToTheOracleStandInWhichEmbedsLikeTheFile(WeightFormat format) throws Exception {
        Path file = FILES.get(format);
        try (StandInDatabase database = StandInSettings.named("minilm_" + format.jsonName()).start()) {
            // The exported file and metadata themselves, through the Oracle target's JDBC path.
            Plugins.builtIn().exportTarget("oracle").export(new ExportRequest("doc_model", file, Sha256.of(file),
                    Files.readString(file.resolveSibling("minilm.json")), Map.of("profile",
                            database.writeProfile(work).toString(), "replace", "false")), (stage, fraction) -> { });
            float[] inDatabase = database.vectorEmbedding("DOC_MODEL", TEXT);
            try (PipelineSession pipeline = PipelineSession.open(file, 1)) {
                float[] expected = pipeline.embed(TEXT);
                assertEquals(expected.length, inDatabase.length);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], inDatabase[i], 1e-5, "dimension " + i);
                }
            }
        }
    }
}
