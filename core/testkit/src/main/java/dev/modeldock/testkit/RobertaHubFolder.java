package dev.modeldock.testkit;

import dev.modeldock.testkit.bpe.ByteLevelBpeFiles;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.PaddingOffsetEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder shaped like a RoBERTa-family sentence model (microsoft/codebert-base and relatives) as the
 * hub has it, small enough for a test: a {@code roberta} {@code config.json} (514 positions, padding
 * index 1), byte-level BPE tokenizer files ({@link ByteLevelBpeFiles#roberta} of
 * {@link ByteLevelBpeFiles#small}), mean Pooling, and a synthetic encoder.
 *
 * <p>The encoder is a {@link PaddingOffsetEncoder} of width {@value #HIDDEN}: the padding offset of
 * the position ids lives inside it, as in the hub's ONNX exports, so the tokenizer gives none.
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
            OnnxFixtures.write(OnnxFixtures.model(PaddingOffsetEncoder.graph("roberta-shaped encoder", 125L,
                    vocabulary, POSITIONS, HIDDEN)), folder.resolve("onnx/model.onnx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }
}
