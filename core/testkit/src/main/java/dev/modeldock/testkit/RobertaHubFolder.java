package dev.modeldock.testkit;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.testkit.bpe.ByteLevelBpeFiles;
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
 * A folder shaped like a RoBERTa-family sentence model (microsoft/codebert-base and relatives) as the
 * hub has it, small enough for a test: a {@code roberta} {@code config.json} (514 positions, padding
 * index 1), byte-level BPE tokenizer files ({@link ByteLevelBpeFiles#roberta} of
 * {@link ByteLevelBpeFiles#small}), mean Pooling, and a synthetic encoder.
 *
 * <p>The encoder (opset 17, inputs {@code input_ids} and {@code attention_mask} INT64 [batch,
 * sequence], output {@code last_hidden_state} FLOAT [batch, sequence, {@value #HIDDEN}]) computes
 * {@code tanh(tokens[id] + positions[p]) · mask} from seeded random tables, with RoBERTa's position ids
 * {@code p = cumsum(mask) · mask + 1}: the padding offset lives inside the encoder, as in the hub's
 * ONNX exports, so the tokenizer gives no position ids.
 */
public final class RobertaHubFolder {
    public static final String HUB_ID = "modeldock-test/roberta-shaped";
    public static final int HIDDEN = 32;
    public static final int POSITIONS = 514;

    private RobertaHubFolder() {
    }

    /** Writes the model under {@code root/modeldock-test/roberta-shaped}; returns that folder. */
    public static Path create(Path root) {
        Path folder = root.resolve(HUB_ID);
        ByteLevelBpeFiles tokenizer = ByteLevelBpeFiles.roberta(ByteLevelBpeFiles.small());
        int vocabulary = tokenizer.vocab().size();
        try {
            Files.createDirectories(folder.resolve("onnx"));
            Files.createDirectories(folder.resolve("1_Pooling"));
            tokenizer.writeInto(folder);
            Files.writeString(folder.resolve("config.json"), """
                    {"architectures": ["RobertaModel"], "model_type": "roberta", "hidden_size": %d,
                     "num_hidden_layers": 1, "max_position_embeddings": %d, "pad_token_id": 1,
                     "bos_token_id": 0, "eos_token_id": 2, "type_vocab_size": 1, "vocab_size": %d}
                    """.formatted(HIDDEN, POSITIONS, vocabulary));
            Files.writeString(folder.resolve("sentence_bert_config.json"),
                    "{\"max_seq_length\": 512, \"do_lower_case\": false}");
            Files.writeString(folder.resolve("1_Pooling/config.json"), """
                    {"word_embedding_dimension": %d, "pooling_mode_cls_token": false,
                     "pooling_mode_mean_tokens": true, "pooling_mode_max_tokens": false}
                    """.formatted(HIDDEN));
            OnnxFixtures.write(OnnxFixtures.model(encoder(vocabulary)), folder.resolve("onnx/model.onnx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    private static GraphProto encoder(int vocabulary) {
        OnnxGraph graph = new OnnxGraph("roberta-shaped encoder")
                .input(OnnxGraph.tensor("input_ids", DataType.INT64, "batch", "sequence"))
                .input(OnnxGraph.tensor("attention_mask", DataType.INT64, "batch", "sequence"));
        Random random = new Random(125L);
        String tokens = graph.node("Gather", graph.constant("token_table", table(random, vocabulary), vocabulary, HIDDEN),
                "input_ids");
        String counted = graph.node("CumSum", "attention_mask", graph.constant("sequence_axis", new long[] {1}));
        String positionIds = graph.node("Add", graph.node("Mul", counted, "attention_mask"),
                graph.constant("padding_index", new long[] {1}));
        String positions = graph.node("Gather", graph.constant("position_table", table(random, POSITIONS), POSITIONS,
                HIDDEN), positionIds);
        String mask = graph.node("Unsqueeze", graph.node("Cast", List.of("attention_mask"),
                Map.of("to", DataType.FLOAT_VALUE)), graph.constant("last_axis", new long[] {-1}, 1));
        String hidden = graph.node("Tanh", graph.node("Add", tokens, positions));
        return graph.output(graph.node("Mul", hidden, mask), OnnxGraph.tensor("last_hidden_state", DataType.FLOAT,
                "batch", "sequence", HIDDEN)).build();
    }

    private static float[] table(Random random, int rows) {
        float[] values = new float[rows * HIDDEN];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
