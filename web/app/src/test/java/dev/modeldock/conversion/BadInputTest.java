package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.DenseModule;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.plugin.Plugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input is refused with a message naming the problem, and nothing is written. */
class BadInputTest {
    @TempDir
    static Path shared;
    static Path original;

    @TempDir
    Path work;
    Path model;
    Path out;

    @BeforeAll
    static void layOutOriginal() {
        original = MiniLmHubFolder.create(shared);
    }

    /** A private copy of the model; the 90 MB encoder is linked, not copied, unless a test replaces it. */
    @BeforeEach
    void copyModel() throws IOException {
        model = work.resolve("hub/sentence-transformers/all-MiniLM-L6-v2");
        try (Stream<Path> files = Files.walk(original)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = model.resolve(original.relativize(file).toString());
                Files.createDirectories(target.getParent());
                if (file.getFileName().toString().endsWith(".onnx")) {
                    Files.createSymbolicLink(target, file);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        out = work.resolve("out");
    }

    @Test
    void missingConfigJsonIsNamed() throws IOException {
        Files.delete(model.resolve("config.json"));
        refused(preconfigured(), "has no file config.json");
    }

    @Test
    void encoderThatIsNotOnnxIsNamed() throws IOException {
        replaceEncoder(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});
        refused(preconfigured(), "is not a valid ONNX model");
    }

    @Test
    void truncatedEncoderIsNamed() throws IOException {
        byte[] head = new byte[4096];
        try (var in = Files.newInputStream(original.resolve("onnx/model.onnx"))) {
            assertEquals(head.length, in.readNBytes(head, 0, head.length));
        }
        replaceEncoder(head);
        refused(preconfigured(), "model.onnx");
    }

    @Test
    void missingEncoderIsNamed() throws IOException {
        Files.delete(model.resolve("onnx/model.onnx"));
        refused(preconfigured(), "has no onnx/model.onnx");
    }

    @Test
    void missingTokenizerFilesAreNamed() throws IOException {
        Files.delete(model.resolve("tokenizer.json"));
        refused(preconfigured(), "no tokenizer plugin recognises the tokenizer files of model '" + model
                + "' (tokenizer_config.json names BertTokenizer, no tokenizer.json); installed tokenizer plugins:"
                + " [bert, bpe, gpt2, clip, sentencepiece].");
    }

    @Test
    void aTokenizerFamilyNoPluginTakesIsNamedWithTheFamiliesAccepted() throws IOException {
        // Transformer-XL's word-level vocabulary: a family neither OML4Py nor any installed plugin takes.
        Path config = model.resolve("tokenizer_config.json");
        Files.writeString(config, Files.readString(config).replace("\"BertTokenizer\"", "\"TransfoXLTokenizer\""));
        Path tokenizer = model.resolve("tokenizer.json");
        Files.writeString(tokenizer, Files.readString(tokenizer).replace("\"type\": \"WordPiece\"",
                "\"type\": \"WordLevel\""));
        refused(preconfigured(), "(tokenizer_config.json names TransfoXLTokenizer, tokenizer.json holds a WordLevel"
                + " model); installed tokenizer plugins: [bert, bpe, gpt2, clip, sentencepiece]. OML4Py's tokenizer"
                + " families are BERT, GPT2, SENTENCEPIECE, CLIP and ROBERTA: install a tokenizer plugin for this"
                + " model's family");
    }

    @Test
    void malformedTokenizerJsonIsNamed() throws IOException {
        Files.writeString(model.resolve("tokenizer.json"), "{\"model\": {\"type\": \"WordPiece\", \"vocab\": ");
        refused(preconfigured(), "tokenizer.json");
    }

    @Test
    void unknownTemplateIsNamed() {
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> EmbeddingModelConfig.fromTemplate("sentence", Map.of()));
        assertTrue(e.getMessage().contains("unknown template 'sentence'; templates: text"), e.getMessage());
    }

    @Test
    void unknownPostProcessorIsNamedWithTheAvailableOnes() {
        refused(text(Map.of("post_processors", List.of(Map.of("name", "Pooling"), Map.of("name", "Whiten")))),
                "unknown post_processor 'Whiten'; available: Dense, Normalize, Pooling");
    }

    @Test
    void unknownPostProcessorParameterIsNamed() {
        refused(text(Map.of("post_processors", List.of(Map.of("name", "Pooling", "mode", "mean")))),
                "post_processor Pooling has unknown parameter(s) [mode]");
    }

    @Test
    void unknownPropertyIsNamed() {
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> EmbeddingModelConfig.fromTemplate("text", Map.of("max_sequence_length", 128)));
        assertTrue(e.getMessage().startsWith("unknown property 'max_sequence_length'"), e.getMessage());
    }

    @Test
    void denseWidthMismatchIsNamed() throws IOException {
        DenseModule.random(768, 512, 1L).writeInto(model);
        refused(text(Map.of("post_processors", List.of(Map.of("name", "Pooling"),
                Map.of("name", "Dense", "in_features", 768, "out_features", 512)))),
                "Dense in_features is 768 but the embedding flowing into it has 384 values");
    }

    @Test
    void maxSeqLengthAboveThePositionTableIsRefused() {
        refused(text(Map.of("max_seq_length", 1024)), "max_seq_length 1024 is above the encoder's 512 positions");
    }

    @Test
    void missingMaxSeqLengthSuggestsTheModelsOwn() {
        Map<String, Object> noLength = Map.of("post_processors", List.of(Map.of("name", "Pooling")));
        refused(() -> export(EmbeddingModelConfig.fromTemplate("text", noLength), "m", out),
                "max_seq_length is required for a model that is not preconfigured (the model's"
                        + " sentence_bert_config.json says 256)");
    }

    @Test
    void invalidDistanceMetricIsNamed() {
        ModelDockException e = assertThrows(ModelDockException.class, () -> EmbeddingModelConfig.fromTemplate("text",
                Map.of("distance_metrics", List.of("COSINE", "COSINUS"))));
        assertTrue(e.getMessage().startsWith("invalid distance metric 'COSINUS'; valid: EUCLIDEAN, COSINE"),
                e.getMessage());
    }

    @Test
    void quantizationAndFloat16TogetherAreRefusedNamingTheChoice() {
        ModelDockException e = assertThrows(ModelDockException.class, () -> EmbeddingModelConfig.fromTemplate("text",
                Map.of("quantize_model", true, "use_float16", true)));
        assertTrue(e.getMessage().startsWith("quantize_model and use_float16 are both true; choose one"),
                e.getMessage());
    }

    @Test
    void doLowerCaseFalseAgainstALowercasingTokenizerIsOneLineNamingTheFix() {
        ModelDockException e = assertThrows(ModelDockException.class, text(Map.of("do_lower_case", false)));
        assertEquals("do_lower_case is false, but the model's tokenizer (tokenizer.json) lowercases text, so no text"
                + " with a capital letter would match the reference: set do_lower_case to true", e.getMessage());
    }

    @Test
    void doLowerCaseTrueAgainstACaseKeepingTokenizerIsOneLineNamingTheFix() throws IOException {
        Path tokenizer = model.resolve("tokenizer.json");
        String json = Files.readString(tokenizer);
        String lowercases = "\"lowercase\": true";
        assertTrue(json.contains(lowercases), "fixture: the normalizer lowercases");
        Files.writeString(tokenizer, json.replace(lowercases, "\"lowercase\": false"));
        ModelDockException e = assertThrows(ModelDockException.class, text(Map.of("do_lower_case", true)));
        assertTrue(e.getMessage().endsWith("set do_lower_case to false"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void unknownLanguageIsRefusedWithItsCloseMatches() {
        refused(text(Map.of("languages", List.of("us", "deu"))), "languages[1]: \"deu\" is not an Oracle language name"
                + " or abbreviation. Fix: Did you mean \"d\" (GERMAN)");
    }

    @Test
    void outputDirectoryThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(work.resolve("not-a-folder"), "keep me");
        refused(() -> export(null, "m", file), "is not a writable directory");
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void exportNameThatLeavesTheOutputDirectoryIsRefused() throws IOException {
        for (String name : List.of("../escaped", "sub/dir", "/etc/passwd", ".hidden", "")) {
            refused(() -> export(null, name, out), "export name '" + name + "' is not allowed");
        }
        try (Stream<Path> files = Files.list(work)) {
            assertEquals(List.of("hub"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void modelThatIsNotPreconfiguredNeedsAConfiguration() throws IOException {
        Path renamed = Files.move(model, model.resolveSibling("my-own-model"));
        ModelDockException e = assertThrows(ModelDockException.class, () -> new EmbeddingModel(renamed.toString(), null,
                Settings.defaults(), Plugins.builtIn()));
        assertTrue(e.getMessage().contains("is not a preconfigured model, so it needs a configuration"), e.getMessage());
    }

    @Test
    void unknownExportTargetIsNamedWithTheInstalledOnesWhenNoPluginsAreGiven() {
        // The OML4Py-shaped constructor: the plugins of the default folder are loaded for the export.
        ModelDockException e = assertThrows(ModelDockException.class, () -> new EmbeddingModel(model.toString(), null,
                Settings.defaults()).export("m", "nowhere", Map.of(), (stage, fraction) -> { }));
        assertEquals("unknown export target 'nowhere'; available: file, oracle", e.getMessage());
    }

    @Test
    void failedExportLeavesAnEarlierExportUntouched() throws Exception {
        export(null, "kept", out);
        byte[] before = Files.readAllBytes(out.resolve("kept.onnx"));
        String metadataBefore = Files.readString(out.resolve("kept.json"));
        refused(() -> export(EmbeddingModelConfig.fromTemplate("text",
                Map.of("max_seq_length", 9999)), "kept", out), "above the encoder's");
        assertArrayEquals(before, Files.readAllBytes(out.resolve("kept.onnx")));
        assertEquals(metadataBefore, Files.readString(out.resolve("kept.json")));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(2, files.count(), "no partial files beside the earlier export");
        }
    }

    private Executable preconfigured() {
        return () -> export(null, "m", out);
    }

    /** The text template with {@code overrides}, max_seq_length 256 unless overridden. */
    private Executable text(Map<String, Object> overrides) {
        Map<String, Object> properties = new java.util.HashMap<>(Map.of("max_seq_length", 256));
        properties.putAll(overrides);
        return () -> export(EmbeddingModelConfig.fromTemplate("text", properties), "m", out);
    }

    private void export(EmbeddingModelConfig config, String name, Path outputDir) throws IOException {
        new EmbeddingModel(model.toString(), config, Settings.defaults(), Plugins.builtIn())
                .exportToFile(name, outputDir, (stage, fraction) -> { });
    }

    private void refused(Executable export, String expectedMessagePart) {
        ModelDockException e = assertThrows(ModelDockException.class, export);
        assertTrue(e.getMessage().contains(expectedMessagePart), "message was: " + e.getMessage());
        assertTrue(!Files.exists(out) || isEmptyOrUnchanged(), "nothing written to " + out);
    }

    private boolean isEmptyOrUnchanged() {
        try (Stream<Path> files = Files.list(out)) {
            return files.allMatch(f -> f.getFileName().toString().startsWith("kept."));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void replaceEncoder(byte[] bytes) throws IOException {
        Files.delete(model.resolve("onnx/model.onnx"));
        Files.write(model.resolve("onnx/model.onnx"), bytes);
    }
}
