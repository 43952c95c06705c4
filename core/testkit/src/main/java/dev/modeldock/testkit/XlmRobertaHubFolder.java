package dev.modeldock.testkit;

import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.PaddingOffsetEncoder;
import dev.modeldock.testkit.sentencepiece.XlmRobertaTokenizerFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder shaped like an XLM-RoBERTa-family sentence model (multilingual E5,
 * paraphrase-multilingual-mpnet) as the hub has it, small enough for a test: an {@code xlm-roberta}
 * {@code config.json} (514 positions, padding index 1), the SentencePiece tokenizer files of
 * {@link XlmRobertaTokenizerFiles}, mean Pooling, and a synthetic encoder.
 *
 * <p>The encoder is a {@link PaddingOffsetEncoder} of width {@value #HIDDEN}: the padding offset of
 * the position ids lives inside it, as in the hub's ONNX exports, so the tokenizer gives none.
 */
public final class XlmRobertaHubFolder {
    public static final String HUB_ID = "modeldock-test/xlm-roberta-shaped";
    public static final int HIDDEN = 32;
    public static final int POSITIONS = 514;

    private XlmRobertaHubFolder() {
    }

    /** Writes the model under {@code root/modeldock-test/xlm-roberta-shaped}; returns that folder. */
    public static Path create(Path root) {
        return create(root, HUB_ID);
    }

    /** Writes the model under {@code root/hubId}, to stand in for a real model of that id; returns that folder. */
    public static Path create(Path root, String hubId) {
        Path folder = root.resolve(hubId);
        int vocabulary = XlmRobertaTokenizerFiles.tokenizerJson().path("model").path("vocab").size();
        try {
            Files.createDirectories(folder.resolve("onnx"));
            Files.createDirectories(folder.resolve("1_Pooling"));
            XlmRobertaTokenizerFiles.write(folder);
            Files.writeString(folder.resolve("config.json"), """
                    {"architectures": ["XLMRobertaModel"], "model_type": "xlm-roberta", "hidden_size": %d,
                     "num_hidden_layers": 1, "max_position_embeddings": %d, "pad_token_id": 1, "vocab_size": %d}
                    """.formatted(HIDDEN, POSITIONS, vocabulary));
            Files.writeString(folder.resolve("tokenizer_config.json"), """
                    {"tokenizer_class": "XLMRobertaTokenizer", "model_max_length": 512, "bos_token": "<s>",
                     "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>", "mask_token": "<mask>"}
                    """);
            Files.writeString(folder.resolve("sentence_bert_config.json"),
                    "{\"max_seq_length\": 512, \"do_lower_case\": false}");
            Files.writeString(folder.resolve("1_Pooling/config.json"), """
                    {"word_embedding_dimension": %d, "pooling_mode_cls_token": false,
                     "pooling_mode_mean_tokens": true, "pooling_mode_max_tokens": false}
                    """.formatted(HIDDEN));
            OnnxFixtures.write(OnnxFixtures.model(PaddingOffsetEncoder.graph("xlm-roberta-shaped encoder", 514L,
                    vocabulary, POSITIONS, HIDDEN)), folder.resolve("onnx/model.onnx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }
}
