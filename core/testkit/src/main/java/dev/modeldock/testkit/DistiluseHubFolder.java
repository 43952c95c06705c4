package dev.modeldock.testkit;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.OnnxGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A folder shaped like {@code sentence-transformers/distiluse-base-multilingual-cased-v2} as the hub
 * has it, small enough for a test: a DistilBERT-style {@code config.json} (768 hidden values, no
 * token types), a cased WordPiece tokenizer, mean Pooling and a Dense 768 → 512 with bias and Tanh,
 * and a synthetic encoder in place of the 500 MB real one.
 *
 * <p>The encoder (opset 17, inputs {@code input_ids} and {@code attention_mask} INT64 [batch,
 * sequence], output {@code last_hidden_state} FLOAT [batch, sequence, 768]) computes, per token,
 * {@code tanh(sin(id · f) · W) · mask} with {@code f} a [768] ladder of frequencies, as a
 * transformer's sinusoidal position code has, and {@code W} a seeded random 768 × 768 matrix:
 * cheap to run, different vectors for different token ids, and one large MatMul weight for int8
 * quantization to rewrite.
 *
 * <p>The tokenizer is MiniLM's WordPiece vocabulary made cased: its normalizer's lowercasing
 * turned off and the capital letters added (see {@link #casedTokenizer()}), so that the conversion's
 * question (does the tokenizer fold case as {@code do_lower_case: false} says) gets the cased answer.
 */
public final class DistiluseHubFolder {
    public static final String HUB_ID = "sentence-transformers/distiluse-base-multilingual-cased-v2";
    public static final int HIDDEN = 768;
    public static final int WIDTH = 512;

    private DistiluseHubFolder() {
    }

    /** Writes the model under {@code root/sentence-transformers/distiluse-base-multilingual-cased-v2}; returns that folder. */
    public static Path create(Path root) {
        Path folder = root.resolve(HUB_ID);
        try {
            Files.createDirectories(folder.resolve("onnx"));
            Files.createDirectories(folder.resolve("1_Pooling"));
            Files.writeString(folder.resolve("tokenizer.json"), casedTokenizer());
            write(folder, "config.json", """
                    {"architectures": ["DistilBertModel"], "model_type": "distilbert", "dim": 768, "hidden_size": 768,
                     "n_layers": 1, "n_heads": 12, "hidden_dim": 3072, "max_position_embeddings": 512,
                     "vocab_size": 30522}
                    """);
            write(folder, "tokenizer_config.json", """
                    {"do_lower_case": false, "strip_accents": null, "tokenize_chinese_chars": true,
                     "model_max_length": 512, "unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]",
                     "cls_token": "[CLS]", "mask_token": "[MASK]", "tokenizer_class": "DistilBertTokenizer"}
                    """);
            write(folder, "sentence_bert_config.json", "{\"max_seq_length\": 128, \"do_lower_case\": false}");
            write(folder, "1_Pooling/config.json", """
                    {"word_embedding_dimension": 768, "pooling_mode_cls_token": false,
                     "pooling_mode_mean_tokens": true, "pooling_mode_max_tokens": false}
                    """);
            DenseModule.random(HIDDEN, WIDTH, 512L).writeInto(folder);
            OnnxFixtures.write(OnnxFixtures.model(encoder()), folder.resolve("onnx/model.onnx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /**
     * MiniLM's tokenizer.json with lowercasing off and the capitals A to Z, as words and as
     * continuations, in place of its first 52 unused entries: a cased vocabulary has its capitals,
     * and without them a word such as {@code camelCase} would hinge on how each tokenizer spells a
     * word with an unknown piece, which is not what this model is for.
     */
    private static String casedTokenizer() throws IOException {
        String json = MiniLmHubFolder.tokenizerJson();
        json = replaceOnce(json, "\"lowercase\": true", "\"lowercase\": false");
        for (char letter = 'A'; letter <= 'Z'; letter++) {
            int index = letter - 'A';
            json = replaceOnce(json, "\"[unused" + index + "]\"", "\"" + letter + "\"");
            json = replaceOnce(json, "\"[unused" + (26 + index) + "]\"", "\"##" + letter + "\"");
        }
        return json;
    }

    private static String replaceOnce(String text, String target, String replacement) {
        int at = text.indexOf(target);
        if (at < 0 || text.indexOf(target, at + 1) >= 0) {
            throw new IllegalStateException("fixture: MiniLM's tokenizer.json has " + target + " other than once");
        }
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }

    private static GraphProto encoder() {
        OnnxGraph graph = new OnnxGraph("distiluse-shaped encoder")
                .input(OnnxGraph.tensor("input_ids", DataType.INT64, "batch", "sequence"))
                .input(OnnxGraph.tensor("attention_mask", DataType.INT64, "batch", "sequence"));
        String lastAxis = graph.constant("last_axis", new long[] {-1}, 1);
        String ids = graph.node("Unsqueeze", graph.node("Cast", List.of("input_ids"),
                Map.of("to", DataType.FLOAT_VALUE)), lastAxis);
        String mask = graph.node("Unsqueeze", graph.node("Cast", List.of("attention_mask"),
                Map.of("to", DataType.FLOAT_VALUE)), lastAxis);
        float[] frequencies = new float[HIDDEN];
        for (int i = 0; i < HIDDEN; i++) {
            frequencies[i] = (float) Math.pow(10_000, -(double) i / HIDDEN);
        }
        Random random = new Random(768L);
        float[] weight = new float[HIDDEN * HIDDEN];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = (float) (random.nextGaussian() / Math.sqrt(HIDDEN));
        }
        String waves = graph.node("Sin", graph.node("Mul", ids, graph.constant("frequencies", frequencies, HIDDEN)));
        String hidden = graph.node("Tanh", graph.node("MatMul", waves, graph.constant("weight", weight, HIDDEN, HIDDEN)));
        return graph.output(graph.node("Mul", hidden, mask), OnnxGraph.tensor("last_hidden_state", DataType.FLOAT,
                "batch", "sequence", HIDDEN)).build();
    }

    private static void write(Path folder, String file, String text) throws IOException {
        Files.writeString(folder.resolve(file), text);
    }
}
