package dev.modeldock.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.conversion.EmbeddingModel;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.plan.PipelineFunction;
import dev.modeldock.plugin.ExternalDataPackage;
import dev.modeldock.plugin.ExternalDataPackage.Member;
import dev.modeldock.plugin.Tokenizer;
import dev.modeldock.plugin.TokenizerOptions;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.source.ModelSource;
import dev.modeldock.testkit.ClassifierHubFolder;
import dev.modeldock.testkit.ClipHubFolder;
import dev.modeldock.testkit.CrossEncoderHubFolder;
import dev.modeldock.testkit.Gpt2HubFolder;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.RobertaHubFolder;
import dev.modeldock.testkit.XlmRobertaHubFolder;
import dev.modeldock.testkit.jvm.ChildJvm;
import dev.modeldock.testkit.plugin.PairTokenization;
import dev.modeldock.testkit.plugin.Plugins;
import dev.modeldock.validation.ParityCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of pipeline ModelDock exports loads in Oracle 23ai's embedded runtime, ONNX Runtime
 * 1.15.1 with onnxruntime-extensions 0.13.0, and gives the same vectors as the runtime it was built
 * and validated with. The old runtime runs in a child JVM ({@link OracleRuntimeProbe}) with nothing
 * else on its class path; the build copies its jars beside the test classes.
 */
class OracleRuntimeCompatibilityTest {
    private static final List<String> TEXTS = List.of(
            "Vector search lives next to the rows it describes.",
            "word ".repeat(600).trim(), // past max_seq_length: the tokenizer op truncates
            "Καλημέρα κόσμε, 東京は晴れです, नमस्ते",
            "emoji 🚀 and accents: crème brûlée",
            "trailing spaces   ",
            "In Q3 2024\tsales rose 3.5%"); // digit runs and a tab, which the CLIP nodes mend

    @TempDir
    static Path work;
    static Path hubFolder;

    @BeforeAll
    static void layOutModel() {
        hubFolder = MiniLmHubFolder.create(work.resolve("hub"));
    }

    static Stream<Arguments> pipelines() {
        return Stream.of(
                Arguments.of("preconfigured", null),
                Arguments.of("cls", EmbeddingModelConfig.fromTemplate("text", Map.of("max_seq_length", 128,
                        "post_processors", List.of(Map.of("name", "Pooling", "type", "cls"), Map.of("name",
                                "Normalize"))))),
                Arguments.of("max", EmbeddingModelConfig.fromTemplate("text", Map.of("max_seq_length", 256,
                        "post_processors", List.of(Map.of("name", "Pooling", "type", "max"))))),
                Arguments.of("int8", preconfigured(Map.of("quantize_model", true))),
                Arguments.of("float16", preconfigured(Map.of("use_float16", true))));
    }

    private static EmbeddingModelConfig preconfigured(Map<String, Object> overrides) {
        return EmbeddingModelConfig.preconfigured(MiniLmHubFolder.HUB_ID).orElseThrow().with(overrides);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelines")
    void theExportedPipelineGivesTheSameVectorsOnOracle23aisRuntime(String name, EmbeddingModelConfig config)
            throws Exception {
        assertSameVectorsOnOracle23aisRuntime(name, hubFolder, config);
    }

    /** The SentencePiece tokenizer op, its model inside the graph, with the ops that add specials and truncate. */
    @Test
    void theSentencePiecePipelineGivesTheSameVectorsOnOracle23aisRuntime() throws Exception {
        Path xlmRoberta = XlmRobertaHubFolder.create(work.resolve("xlmr-hub"));
        assertSameVectorsOnOracle23aisRuntime("sentencepiece", xlmRoberta, EmbeddingModelConfig.fromTemplate("text",
                Map.of("max_seq_length", 128, "do_lower_case", false)));
    }

    /**
     * The RobertaTokenizer and GPT2Tokenizer ops, vocab.json and merges.txt inside, with the ops that
     * truncate between RoBERTa's specials (GPT-2 adds none).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bpe", "gpt2"})
    void theByteLevelBpePipelineGivesTheSameVectorsOnOracle23aisRuntime(String family) throws Exception {
        Path root = work.resolve(family + "-hub");
        Path folder = family.equals("bpe") ? RobertaHubFolder.create(root) : Gpt2HubFolder.create(root);
        assertSameVectorsOnOracle23aisRuntime(family, folder, EmbeddingModelConfig.fromTemplate("text",
                Map.of("max_seq_length", 128, "do_lower_case", false)));
    }

    /** A classifier (function classification): the head's logits through softmax, one probability per label. */
    @Test
    void theClassifierPipelineGivesTheSameProbabilitiesOnOracle23aisRuntime() throws Exception {
        Path classifier = ClassifierHubFolder.create(work.resolve("classifier-hub"));
        assertSameOutputsOnOracle23aisRuntime("classification", classifier, EmbeddingModelConfig.fromTemplate("text",
                Map.of("max_seq_length", 128)), PipelineFunction.CLASSIFICATION);
    }

    /**
     * The CLIPTokenizer op, vocab.json and merges.txt inside, the ops that mend digit runs and tabs and
     * truncate, and a text tower that pools by itself (text_embeds) followed by Normalize.
     */
    @Test
    void theClipTextPipelineGivesTheSameVectorsOnOracle23aisRuntime() throws Exception {
        Path clip = ClipHubFolder.create(work.resolve("clip-hub"));
        assertSameVectorsOnOracle23aisRuntime("clip", clip, EmbeddingModelConfig.fromMap(Map.of("max_seq_length", 77,
                "do_lower_case", true, "post_processors", List.of(Map.of("name", "Normalize")))));
    }

    /**
     * A reranker (function regression): two string inputs, the family's pair nodes and a cross-encoder's
     * logits give the same scores, bit for bit, on Oracle 23ai's runtime.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bert", "sentencepiece"})
    void theRerankerPipelineGivesTheSameScoresOnOracle23aisRuntime(String family) throws Exception {
        boolean bert = family.equals("bert");
        Path crossEncoder = bert ? CrossEncoderHubFolder.create(work.resolve("cross-hub"))
                : CrossEncoderHubFolder.createXlmRoberta(work.resolve("cross-hub"));
        Path out = work.resolve("reranker-" + family);
        new EmbeddingModel(ModelSource.resolve(crossEncoder.toString(), Settings.defaults()),
                EmbeddingModelConfig.fromTemplate("text", Map.of("max_seq_length", 64, "post_processors", List.of(),
                        "do_lower_case", bert)),
                Plugins.builtIn(), false, PipelineFunction.REGRESSION).exportToFile("reranker", out, (s, f) -> { });
        Path pipeline = out.resolve("reranker.onnx");
        List<String> pairs = List.of(
                "what is a vector database?", "A vector database stores embeddings beside the rows.",
                "what is a vector database?", "The pharmacy closes at four on Sundays.",
                "word ".repeat(80).trim(), "text ".repeat(60).trim(),
                "Καλημέρα κόσμε", "crème brûlée");
        List<String> args = new ArrayList<>(List.of(pipeline.toString()));
        args.addAll(pairs);
        List<String> lines;
        try (ChildJvm probe = ChildJvm.java(OracleRuntimeProbe.class.getName(), args.toArray(String[]::new))
                .classPath(OracleRuntime.classPath()).logs(work.resolve("logs"), "reranker-" + family).start()) {
            assertEquals(0, probe.waitFor(Duration.ofMinutes(2)), probe.report());
            lines = probe.output().lines().toList();
        }
        assertEquals("version 1.15.1", lines.get(0), "the child ran Oracle 23ai's runtime");
        assertEquals(pairs.size() / 2 + 1, lines.size(), String.join("\n", lines));
        try (PipelineSession current = PipelineSession.open(pipeline, 1)) {
            for (int i = 0; i < pairs.size(); i += 2) {
                float[] expected = current.score(pairs.get(i), pairs.get(i + 1));
                assertEquals(1, expected.length);
                assertArrayEquals(expected, OracleRuntime.parse(lines.get(i / 2 + 1)), 1e-6f, pairs.get(i) + " | " + pairs.get(i + 1));
            }
        }
    }

    /**
     * A tokenizer's text-pair nodes (the tokenizer op per text, longest-first truncation with Min, Max,
     * Greater, Where and Slice on int64, the specials concatenated) give the same ids, mask and token
     * types on Oracle 23ai's runtime: the tokenizer half of a reranker.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bert", "sentencepiece"})
    void theTextPairTokenizerGivesTheSameTokensOnOracle23aisRuntime(String family) throws Exception {
        boolean bert = family.equals("bert");
        Path folder = bert ? hubFolder : XlmRobertaHubFolder.create(work.resolve("xlmr-pairs"));
        Tokenizer tokenizer = Plugins.builtIn().tokenizers().stream().filter(t -> t.name().equals(family))
                .findFirst().orElseThrow();
        List<String> pairs = List.of(
                "what is a vector database?", "A vector database stores embeddings beside the rows.",
                "word ".repeat(40).trim(), "text ".repeat(30).trim(),
                "hello world hello world", "",
                "the quick brown fox ", "the quick brown fox ".repeat(8),
                "Καλημέρα κόσμε", "crème brûlée");
        try (PairTokenization graph = PairTokenization.of(tokenizer, folder, new TokenizerOptions(bert, 24))) {
            List<String> args = new ArrayList<>(List.of(graph.graphFile().toString()));
            args.addAll(pairs);
            List<String> lines;
            try (ChildJvm probe = ChildJvm.java(OracleRuntimePairProbe.class.getName(), args.toArray(String[]::new))
                    .classPath(OracleRuntime.classPath()).logs(work.resolve("logs"), family + "-pairs").start()) {
                assertEquals(0, probe.waitFor(Duration.ofMinutes(2)), probe.report());
                lines = probe.output().lines().toList();
            }
            assertEquals("version 1.15.1", lines.get(0), "the child ran Oracle 23ai's runtime");
            assertEquals(pairs.size() / 2 + 1, lines.size(), String.join("\n", lines));
            for (int i = 0; i < pairs.size(); i += 2) {
                PairTokenization.Encoded current = graph.graph(pairs.get(i), pairs.get(i + 1));
                assertEquals(OracleRuntimePairProbe.line(current.ids(), current.mask(), current.types()),
                        lines.get(i / 2 + 1), family + ": (" + pairs.get(i) + ", " + pairs.get(i + 1) + ")");
            }
        }
    }

    private static void assertSameVectorsOnOracle23aisRuntime(String name, Path folder, EmbeddingModelConfig config)
            throws Exception {
        assertSameOutputsOnOracle23aisRuntime(name, folder, config, PipelineFunction.EMBEDDING);
    }

    private static void assertSameOutputsOnOracle23aisRuntime(String name, Path folder, EmbeddingModelConfig config,
            PipelineFunction function) throws Exception {
        Path out = work.resolve(name);
        new EmbeddingModel(ModelSource.resolve(folder.toString(), Settings.defaults()), config, Plugins.builtIn(), false,
                function).exportToFile(name, out, (stage, fraction) -> { });
        assertSameOutputsOnOracle23aisRuntime(name, out.resolve(name + ".onnx"));
    }

    /** The ONNX file of a package unzipped, its data file beside it, as a database directory holds them. */
    @Test
    void theExternalDataPipelineGivesTheSameVectorsOnOracle23aisRuntime() throws Exception {
        Path out = work.resolve("external-data");
        new EmbeddingModel(ModelSource.resolve(hubFolder.toString(), Settings.defaults()),
                preconfigured(Map.of("use_external_data", true)), Plugins.builtIn(), false, PipelineFunction.EMBEDDING)
                .forRelease(OracleRelease.DB_26AI).exportToFile("external-data", out, (stage, fraction) -> { });
        Path unpacked = work.resolve("external-data-unpacked");
        List<Member> members = ExternalDataPackage.unpack(out.resolve("external-data.zip"), unpacked);
        assertEquals(3, members.size(), members.toString());
        assertSameOutputsOnOracle23aisRuntime("external-data", unpacked.resolve(ExternalDataPackage.model(members).name()));
    }

    private static void assertSameOutputsOnOracle23aisRuntime(String name, Path pipeline) throws Exception {
        List<float[]> onOracle = OracleRuntime.outputs(pipeline, TEXTS, work.resolve("logs"), name);
        try (PipelineSession current = PipelineSession.open(pipeline, 1)) {
            for (int i = 0; i < TEXTS.size(); i++) {
                float[] expected = current.embed(TEXTS.get(i));
                float[] old = onOracle.get(i);
                assertEquals(expected.length, old.length, TEXTS.get(i));
                if (name.equals("int8")) {
                    // Integer products are exact, but each runtime quantizes activations with its own
                    // rounding of the scale: the vectors agree to within a quantization step, not bit for bit.
                    double cosine = ParityCheck.cosine(expected, old);
                    assertTrue(cosine >= 0.999, name + ": cosine " + cosine + " on " + TEXTS.get(i));
                } else {
                    assertArrayEquals(expected, old, 1e-6f, name + ": " + TEXTS.get(i));
                }
            }
        }
    }
}
