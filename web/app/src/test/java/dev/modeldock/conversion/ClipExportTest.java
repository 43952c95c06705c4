package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.artifact.Artifact;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.service.Json;
import dev.modeldock.testkit.ClipHubFolder;
import dev.modeldock.testkit.bpe.ClipBpeFiles;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.plugin.Plugins;
import dev.modeldock.validation.ParityReport;
import dev.modeldock.validation.ProbeText;
import dev.modeldock.validation.ProbeTexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CLIP text tower ({@link ClipHubFolder}: CLIP's tokenizer files, the encoder with its projection at
 * onnx/text_model.onnx) converted through the real plugins as OML4Py's multimodal_clip template does
 * the text side: CLIPTokenizer → encoder → {@code text_embeds} (pooled inside the encoder) → Normalize.
 * The reference is Hugging Face's tokenizer (DJL), the original encoder's text_embeds and Normalize in Java.
 */
class ClipExportTest {
    static final Map<String, Object> CLIP = Map.of("max_seq_length", 77, "do_lower_case", true,
            "post_processors", List.of(Map.of("name", "Normalize")));

    @TempDir
    static Path work;
    static Path hubFolder;
    static ParityReport parity;
    static JsonNode metadata;
    static Path exported;

    @BeforeAll
    static void convertTheClipTextTower() throws Exception {
        hubFolder = ClipHubFolder.create(work.resolve("hub"));
        EmbeddingModel model = new EmbeddingModel(hubFolder.toString(), EmbeddingModelConfig.fromMap(CLIP),
                Settings.defaults(), Plugins.builtIn());
        try (Artifact artifact = model.convert(work.resolve("staging"), (stage, fraction) -> { })) {
            parity = artifact.provenance().parity();
            metadata = Json.MAPPER.readTree(artifact.metadata());
            exported = work.resolve("clip.onnx");
            Files.copy(artifact.file(), exported);
        }
        parity.describe().forEach(line -> System.out.println("clip-text-shaped parity: " + line));
    }

    @Test
    void tokenIdsAndVectorsMatchTheReferenceOnEveryAsciiProbe() {
        Map<String, Object> report = parity.toMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> ascii = (Map<String, Object>) report.get("ascii");
        assertTrue(parity.passed(), report.toString());
        assertEquals(ascii.get("texts"), ascii.get("tokenIdsAgree"), "token ids differ on ASCII: " + ascii);
        assertTrue((double) ascii.get("maxAbsDifference") <= 1e-5, "max difference " + ascii.get("maxAbsDifference"));
        assertTrue(report.containsKey("non_ascii"), "non-ASCII texts are measured and reported");
    }

    /** Every probe agrees but those with characters above U+FFFF, which Java's binding alone garbles. */
    @Test
    void tokenIdsAgreeInEveryWritingSystemOnEveryTextJavaPassesIntact() {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> scripts = (Map<String, Map<String, Object>>) parity.toMap().get("scripts");
        scripts.forEach((script, figures) -> {
            long garbled = ProbeTexts.builtIn().stream().filter(p -> p.script() == ProbeText.Script.SUPPLEMENTARY)
                    .filter(p -> p.writingSystem().key().equals(script)).count();
            assertEquals((int) figures.get("texts") - garbled, ((Number) figures.get("tokenIdsAgree")).longValue(),
                    script + ": " + figures);
        });
        assertTrue(scripts.keySet().containsAll(List.of("latin", "greek", "cyrillic", "cjk", "hangul", "devanagari",
                "arabic", "thai")), scripts.toString());
    }

    @Test
    void metadataNamesTheClipTokenizerAndTheNormalizedProjectionWidth() {
        assertEquals("clip", metadata.path("tokenizer").asText(), metadata.toString());
        assertEquals(77, metadata.path("maxSequenceLength").asInt());
        assertTrue(metadata.path("normalization").asBoolean(), metadata.toString());
        assertTrue(metadata.path("pooling").isMissingNode(), "the encoder pools, no Pooling step: " + metadata);
        assertTrue(metadata.path("modelDescription").path("description").asText()
                .contains(ClipHubFolder.PROJECTION + " dimensions"), metadata.toString());
    }

    @Test
    void theExportedPipelineGivesUnitVectorsOfTheProjectionWidth() {
        try (PipelineSession session = PipelineSession.open(exported, 1)) {
            float[] one = session.embed("a photo of a cat");
            float[] other = session.embed("a diagram of a database");
            assertEquals(ClipHubFolder.PROJECTION, one.length);
            double norm = 0;
            for (float value : one) {
                norm += value * value;
            }
            assertEquals(1.0, Math.sqrt(norm), 1e-5);
            assertFalse(java.util.Arrays.equals(one, other), "different texts, different vectors");
        }
    }

    /**
     * The encoder pools at the end-of-text token (ArgMax of the ids, as the real export does): padding a
     * shorter text with the pad id (also the end-of-text token) leaves its text_embeds as they were alone.
     */
    @Test
    void paddingWithTheEndOfTextIdDoesNotMoveTheEncodersPooling() throws Exception {
        Map<String, Integer> vocab = ClipBpeFiles.small().vocab();
        long start = vocab.get(ClipBpeFiles.START);
        long end = vocab.get(ClipBpeFiles.END);
        long[] shortText = {start, vocab.get("a</w>"), end};
        long[] longText = {start, vocab.get("b"), vocab.get("c"), vocab.get("a</w>"), end};
        long[][] batch = {{start, vocab.get("a</w>"), end, end, end}, longText};
        Path encoder = hubFolder.resolve(ClipHubFolder.ENCODER);
        float[][] together = (float[][]) OnnxFixtures.run(encoder, Map.<String, Object>of("input_ids", batch), "text_embeds")
                .get("text_embeds");
        float[][] alone = (float[][]) OnnxFixtures.run(encoder, Map.<String, Object>of("input_ids", new long[][] {shortText}),
                "text_embeds").get("text_embeds");
        assertArrayEquals(alone[0], together[0], 1e-6f);
        float[][] longAlone = (float[][]) OnnxFixtures.run(encoder, Map.<String, Object>of("input_ids", new long[][] {longText}),
                "text_embeds").get("text_embeds");
        assertArrayEquals(longAlone[0], together[1], 1e-6f);
    }

    @Test
    void poolingOnTheEncodersPooledOutputIsRefusedSayingWhatToGiveInstead() {
        EmbeddingModelConfig withPooling = EmbeddingModelConfig.fromTemplate("text", Map.of("max_seq_length", 77));
        ModelDockException refused = assertThrows(ModelDockException.class, () -> convert(hubFolder, withPooling));
        assertTrue(refused.getMessage().contains("its encoder output text_embeds is pooled inside the encoder"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("post_processor Pooling does not apply"), refused.getMessage());
        assertTrue(refused.getMessage().contains("[{\"name\": \"Normalize\"}]"), refused.getMessage());
    }

    @Test
    void aClipTextTowerExportedWithoutItsProjectionIsRefusedNamingTheOutputsFound() throws Exception {
        Path folder = ClipHubFolder.create(work.resolve("no-projection"));
        ClipHubFolder.withoutProjection(folder);
        ModelDockException refused = assertThrows(ModelDockException.class,
                () -> convert(folder, EmbeddingModelConfig.fromMap(CLIP)));
        assertTrue(refused.getMessage().contains("is a CLIP model (config.json names CLIPModel)"), refused.getMessage());
        assertTrue(refused.getMessage().contains("its encoder has [last_hidden_state]"), refused.getMessage());
        assertTrue(refused.getMessage().contains("CLIPTextModelWithProjection"), refused.getMessage());
    }

    @Test
    void keepingCaseIsRefusedSayingToSetDoLowerCaseTrue() {
        EmbeddingModelConfig cased = EmbeddingModelConfig.fromMap(Map.of("max_seq_length", 77, "do_lower_case", false,
                "post_processors", List.of(Map.of("name", "Normalize"))));
        ModelDockException refused = assertThrows(ModelDockException.class, () -> convert(hubFolder, cased));
        assertTrue(refused.getMessage().contains("set do_lower_case to true"), refused.getMessage());
    }

    @Test
    void maxSeqLengthBeyondTheTextTowersPositionsIsRefused() {
        EmbeddingModelConfig tooLong = EmbeddingModelConfig.fromMap(Map.of("max_seq_length", 128, "do_lower_case",
                true, "post_processors", List.of(Map.of("name", "Normalize"))));
        ModelDockException refused = assertThrows(ModelDockException.class, () -> convert(hubFolder, tooLong));
        assertTrue(refused.getMessage().contains("max_seq_length 128 is above the encoder's 77 positions"),
                refused.getMessage());
    }

    @Test
    void theCatalogsClipTextTowerConvertsWithItsPreconfiguredProperties() throws Exception {
        String clip = "openai/clip-vit-base-patch32";
        Path cache = work.resolve("catalog-cache");
        ClipHubFolder.create(cache, clip);
        Path out = work.resolve("catalog-out");
        new EmbeddingModel(clip, null, Settings.fromMap(Map.of("cache_dir", cache.toString())), Plugins.builtIn())
                .exportToFile("clip_txt", out, (stage, fraction) -> { });
        JsonNode catalogMetadata = Json.MAPPER.readTree(out.resolve("clip_txt.json").toFile());
        assertEquals("clip", catalogMetadata.path("tokenizer").asText());
        assertEquals(77, catalogMetadata.path("maxSequenceLength").asInt());
        assertTrue(catalogMetadata.path("normalization").asBoolean(), catalogMetadata.toString());
        try (PipelineSession session = PipelineSession.open(out.resolve("clip_txt.onnx"), 1)) {
            assertEquals(ClipHubFolder.PROJECTION, session.embed("a photo of a dog").length);
        }
    }

    private static void convert(Path folder, EmbeddingModelConfig config) throws Exception {
        new EmbeddingModel(folder.toString(), config, Settings.defaults(), Plugins.builtIn())
                .convert(work.resolve("refused"), (stage, fraction) -> { }).close();
    }
}
