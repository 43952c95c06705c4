package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modeldock.artifact.Artifact;
import dev.modeldock.artifact.Provenance;
import dev.modeldock.config.Settings;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.plugin.ExportReceipt;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.service.Json;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.plugin.Plugins;
import dev.modeldock.validation.ParityReport;
import dev.modeldock.validation.ProbeText;
import dev.modeldock.validation.ProbeTexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preconfigured all-MiniLM-L6-v2, converted once into an artifact and exported through the real
 * plugins, examined from every side.
 */
class MiniLmExportTest {
    @TempDir
    static Path work;
    static Path hubFolder;
    static Path outputDir;
    static Path staging;
    static Artifact artifact;
    static ExportReceipt receipt;

    @BeforeAll
    static void exportPreconfiguredMiniLm() throws Exception {
        hubFolder = MiniLmHubFolder.create(work.resolve("hub"));
        outputDir = work.resolve("out");
        EmbeddingModel model = new EmbeddingModel(hubFolder.toString(), null, Settings.defaults(), Plugins.builtIn());
        try (Artifact converted = model.convert(work.resolve("staging"), (stage, fraction) -> { })) {
            artifact = converted;
            staging = converted.file().getParent();
            receipt = converted.exportTo(Plugins.builtIn().exportTarget("file"), "minilm",
                    Map.of("output_dir", outputDir.toString()), (stage, fraction) -> { });
        }
    }

    static ParityReport parity() {
        return artifact.provenance().parity();
    }

    @Test
    void writesExactlyTheModelAndItsMetadata() throws Exception {
        try (var files = Files.list(outputDir)) {
            assertEquals(Set.of("minilm.onnx", "minilm.json"),
                    files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()));
        }
        assertEquals(Sha256.of(outputDir.resolve("minilm.onnx")), receipt.sha256());
        assertEquals(Files.size(outputDir.resolve("minilm.onnx")), receipt.bytes());
    }

    @Test
    void theExportedFilesAreTheArtifactsFileAndMetadataAndTheStagingFolderIsGoneOnceItIsClosed() throws Exception {
        assertEquals(artifact.sha256(), receipt.sha256());
        assertEquals(artifact.sizeBytes(), receipt.bytes());
        assertEquals(artifact.metadata(), Files.readString(outputDir.resolve("minilm.json")));
        assertEquals(384, artifact.dimensions().getAsInt());
        assertTrue(staging.startsWith(work.resolve("staging")), "staged where the caller asked: " + staging);
        assertTrue(!Files.exists(staging), "closing the artifact deletes " + staging);
        try (var left = Files.list(work.resolve("staging"))) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void matchesTheReferenceOnEveryAsciiProbe() {
        Map<String, Object> report = parity().toMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> ascii = (Map<String, Object>) report.get("ascii");
        assertTrue(parity().passed());
        assertEquals(ascii.get("texts"), ascii.get("tokenIdsAgree"), "token ids differ on ASCII: " + ascii);
        assertTrue((double) ascii.get("minCosine") >= 0.9999, "min cosine " + ascii.get("minCosine"));
        assertTrue((double) ascii.get("maxAbsDifference") < 1e-4, "max abs " + ascii.get("maxAbsDifference"));
        assertTrue(report.containsKey("non_ascii"), "non-ASCII texts are measured and reported");
    }

    @Test
    void tokenIdAgreementIsReportedForEachOfTheNineWritingSystems() {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> scripts = (Map<String, Map<String, Object>>) parity().toMap().get("scripts");
        assertEquals(List.of("latin", "greek", "cyrillic", "cjk", "hangul", "devanagari", "arabic", "thai", "emoji"),
                List.copyOf(scripts.keySet()), "every built-in writing system, in the report's fixed order");
        int texts = 0;
        for (Map.Entry<String, Map<String, Object>> system : scripts.entrySet()) {
            Map<String, Object> figures = system.getValue();
            boolean allAgree = figures.get("tokenIdsAgree").equals(figures.get("texts"));
            assertEquals(allAgree ? List.of("texts", "tokenIdsAgree", "minCosine")
                    : List.of("texts", "tokenIdsAgree", "minCosine", "reason"), List.copyOf(figures.keySet()),
                    "a reason exactly where ids differ: " + system);
            assertTrue((int) figures.get("texts") >= 2, system.toString());
            assertTrue((int) figures.get("tokenIdsAgree") <= (int) figures.get("texts"), system.toString());
            texts += (int) figures.get("texts");
        }
        assertEquals(ProbeTexts.builtIn().size(), texts, "each probe counted under exactly one writing system");
        assertTrue(parity().describe().stream().anyMatch(line -> line.startsWith("script Thai")),
                parity().describe().toString());
        // Korean cannot agree (Hugging Face decomposes syllables into jamo): the BERT plugin says why.
        assertTrue(String.valueOf(scripts.get("hangul").get("reason")).contains("jamo"), scripts.get("hangul").toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> ascii = (Map<String, Object>) parity().toMap().get("ascii");
        assertTrue((int) scripts.get("latin").get("texts") > (int) ascii.get("texts"),
                "Latin holds the ASCII texts and the accented ones: " + scripts.get("latin"));
    }

    @Test
    void fileHasOneStringInputAndOneFloatEmbeddingOutput() {
        ModelProto model = OnnxModels.read(outputDir.resolve("minilm.onnx"));
        List<ValueInfoProto> inputs = model.getGraph().getInputList();
        List<ValueInfoProto> outputs = model.getGraph().getOutputList();
        assertEquals(1, inputs.size());
        assertEquals("input", inputs.get(0).getName());
        assertEquals(DataType.STRING_VALUE, inputs.get(0).getType().getTensorType().getElemType());
        assertEquals(List.of(1L), inputs.get(0).getType().getTensorType().getShape().getDimList().stream()
                .map(TensorShapeProto.Dimension::getDimValue).toList());
        assertEquals(1, outputs.size());
        assertEquals("embedding", outputs.get(0).getName());
        assertEquals(DataType.FLOAT_VALUE, outputs.get(0).getType().getTensorType().getElemType());
        List<TensorShapeProto.Dimension> dims = outputs.get(0).getType().getTensorType().getShape().getDimList();
        assertEquals(List.of(384L), dims.stream().filter(TensorShapeProto.Dimension::hasDimValue)
                .map(TensorShapeProto.Dimension::getDimValue).toList(), "exactly one fixed dimension");
        assertTrue(dims.stream().filter(d -> !d.hasDimValue()).count() <= 1, "at most one variable dimension");
    }

    @Test
    void fileTargetsOpset17AndIr8WithOnlyContribCustomOps() throws Exception {
        ModelProto model = OnnxModels.read(outputDir.resolve("minilm.onnx"));
        assertEquals(8, model.getIrVersion());
        Map<String, Long> opsets = model.getOpsetImportList().stream()
                .collect(Collectors.toMap(OperatorSetIdProto::getDomain, OperatorSetIdProto::getVersion));
        assertEquals(Map.of("", 17L, "ai.onnx.contrib", 1L), opsets);
        Set<String> domains = model.getGraph().getNodeList().stream().map(NodeProto::getDomain).collect(Collectors.toSet());
        assertEquals(Set.of("", "ai.onnx.contrib"), domains);
        assertTrue(Files.size(outputDir.resolve("minilm.onnx")) < (1L << 31));
        assertTrue(model.getGraph().getInitializerCount() > 0, "weights are inside the file");
    }

    @Test
    void tokenizerTruncatesAtTheConfiguredLengthNotTokenizerJsons() {
        NodeProto tokenizer = OnnxModels.read(outputDir.resolve("minilm.onnx")).getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("BertTokenizer")).findFirst().orElseThrow();
        Map<String, AttributeProto> attributes = tokenizer.getAttributeList().stream()
                .collect(Collectors.toMap(AttributeProto::getName, a -> a));
        assertEquals(256, attributes.get("max_length").getI(), "tokenizer.json says 128; max_seq_length 256 wins");
        assertEquals(1, attributes.get("do_lower_case").getI());
        assertEquals(1, attributes.get("strip_accents").getI(), "null strip_accents follows lowercasing");
        List<String> lines = List.of(attributes.get("vocab_file").getS().toStringUtf8().split("\n"));
        assertEquals("[PAD]", lines.get(0));
        // The model's 30522 tokens in id order, then the aliases for spellings the op reads otherwise
        // (one line each, never one of the model's own tokens).
        assertTrue(lines.size() > 30522, "aliases follow the vocabulary: " + lines.size());
        assertTrue(lines.subList(30522, lines.size()).stream().noneMatch(Set.copyOf(lines.subList(0, 30522))::contains));
    }

    @Test
    void embeddingsAreUnitVectorsThatSeparateMeanings() {
        try (PipelineSession session = PipelineSession.open(outputDir.resolve("minilm.onnx"), 1)) {
            float[] cat = session.embed("A cat sits on the mat.");
            float[] kitten = session.embed("A kitten is sitting on a rug.");
            float[] revenue = session.embed("Quarterly revenue rose by four percent.");
            assertEquals(384, cat.length);
            assertEquals(1.0, Math.sqrt(dot(cat, cat)), 1e-5);
            assertTrue(dot(cat, kitten) > dot(cat, revenue) + 0.2,
                    "cat~kitten " + dot(cat, kitten) + " vs cat~revenue " + dot(cat, revenue));
        }
    }

    @Test
    void metadataDescribesTheEmbeddingAndWhereItCameFrom() throws Exception {
        JsonNode metadata = Json.MAPPER.readTree(outputDir.resolve("minilm.json").toFile());
        assertEquals("embedding", metadata.path("function").asText());
        assertEquals("embedding", metadata.path("embeddingOutput").asText());
        assertEquals("DATA", metadata.path("input").path("input").path(0).asText());
        assertEquals(256, metadata.path("maxSequenceLength").asInt());
        assertEquals("bert", metadata.path("tokenizer").asText());
        assertEquals("Mean Pooling", metadata.path("pooling").asText());
        assertTrue(metadata.path("normalization").asBoolean());
        assertEquals("COSINE", metadata.path("suitableDistanceMetrics").path(0).asText());
        JsonNode description = metadata.path("modelDescription");
        assertEquals(receipt.sha256(), description.path("sha256").asText());
        JsonNode provenance = description.path("provenance");
        assertEquals("converted", provenance.path("kind").asText());
        assertEquals(hubFolder.toString(), provenance.path("source").asText());
        assertTrue(provenance.has("revision") && provenance.path("revision").isNull(), "a plain folder: " + provenance);
        assertEquals(Sha256.of(hubFolder.resolve("onnx/model.onnx")),
                provenance.path("sourceFiles").path("onnx/model.onnx").asText());
        assertEquals(Sha256.of(hubFolder.resolve("tokenizer.json")),
                provenance.path("sourceFiles").path("tokenizer.json").asText());
        assertTrue(provenance.path("plugins").path("tokenizer:bert").asText().startsWith("tokenizer-bert@"));
        assertTrue(provenance.path("plugins").path("post_processor:Pooling").asText().startsWith("postprocessors@"));
        assertEquals(256, provenance.path("configuration").path("max_seq_length").asInt());
        assertTrue(provenance.path("tool").asText().startsWith("ModelDock "));
        assertTrue(provenance.path("parity").path("passed").asBoolean(), provenance.toString());
    }

    @Test
    void theMetadataCarriesTheArtifactsProvenanceInItsOneJsonForm() throws Exception {
        ObjectMapper json = Json.MAPPER;
        JsonNode written = json.readTree(outputDir.resolve("minilm.json").toFile())
                .path("modelDescription").path("provenance");
        assertEquals(json.valueToTree(artifact.provenance().toMap()), written);
        assertEquals(Provenance.Kind.CONVERTED, artifact.provenance().kind());
        assertEquals(parity().toMap(), artifact.provenance().toMap().get("parity"));
    }

    @Test
    void supplementaryCharactersAreKeptOutOfTheVerdict() {
        assertTrue(parity().describe().stream().anyMatch(line -> line.startsWith("SUPPLEMENTARY")
                && line.contains("reported only")));
        assertEquals(ProbeText.Script.SUPPLEMENTARY, ProbeText.Script.of("rockets \uD83D\uDE80"));
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
