package dev.modeldock.testkit;

import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.SequenceClassifierEncoder;
import dev.modeldock.testkit.sentencepiece.XlmRobertaTokenizerFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A BERT cross-encoder (reranker) in hub layout, shaped like cross-encoder/ms-marco-MiniLM-L-6-v2:
 * the real all-MiniLM-L6-v2 tokenizer files (the same uncased WordPiece vocabulary), a config.json
 * naming BertForSequenceClassification with one label, and a synthetic {@link SequenceClassifierEncoder}
 * of width {@value #HIDDEN} at {@code onnx/model.onnx} whose {@code logits} [batch, 1] depend on both
 * texts and on the token types, and rank a passage sharing more of the query's words higher; or ({@link #createXlmRoberta}) an XLM-RoBERTa one shaped like
 * BAAI/bge-reranker-base: the test kit's SentencePiece files ({@link XlmRobertaTokenizerFiles}),
 * XLMRobertaForSequenceClassification, an encoder without token types.
 */
public final class CrossEncoderHubFolder {
    public static final String HUB_ID = "modeldock-test/bert-cross-encoder";
    public static final String XLM_ROBERTA_HUB_ID = "modeldock-test/xlm-roberta-cross-encoder";
    public static final int HIDDEN = 32;
    private static final int VOCABULARY = 30522;

    private CrossEncoderHubFolder() {
    }

    /** Writes the model under {@code root/modeldock-test/bert-cross-encoder} and returns that folder. */
    public static Path create(Path root) {
        Path folder = root.resolve(HUB_ID);
        try {
            Files.createDirectories(folder.resolve("onnx"));
            MiniLmHubFolder.writeTokenizerFiles(folder);
            Files.writeString(folder.resolve("config.json"), """
                    {"architectures": ["BertForSequenceClassification"], "model_type": "bert", "hidden_size": %d,
                     "num_hidden_layers": 1, "max_position_embeddings": 512, "type_vocab_size": 2,
                     "vocab_size": %d, "id2label": {"0": "LABEL_0"}, "label2id": {"LABEL_0": 0}}
                    """.formatted(HIDDEN, VOCABULARY));
            OnnxFixtures.write(OnnxFixtures.model(SequenceClassifierEncoder.graph("bert cross-encoder", 6L, VOCABULARY,
                    HIDDEN)), folder.resolve("onnx/model.onnx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /** Writes the XLM-RoBERTa cross-encoder under {@code root/modeldock-test/xlm-roberta-cross-encoder}. */
    public static Path createXlmRoberta(Path root) {
        Path folder = root.resolve(XLM_ROBERTA_HUB_ID);
        int vocabulary = XlmRobertaTokenizerFiles.tokenizerJson().path("model").path("vocab").size();
        try {
            Files.createDirectories(folder.resolve("onnx"));
            XlmRobertaTokenizerFiles.write(folder);
            Files.writeString(folder.resolve("config.json"), """
                    {"architectures": ["XLMRobertaForSequenceClassification"], "model_type": "xlm-roberta",
                     "hidden_size": %d, "num_hidden_layers": 1, "max_position_embeddings": 514, "pad_token_id": 1,
                     "type_vocab_size": 1, "vocab_size": %d, "id2label": {"0": "LABEL_0"}}
                    """.formatted(HIDDEN, vocabulary));
            Files.writeString(folder.resolve("tokenizer_config.json"), """
                    {"tokenizer_class": "XLMRobertaTokenizer", "model_max_length": 512, "bos_token": "<s>",
                     "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>", "mask_token": "<mask>"}
                    """);
            OnnxFixtures.write(OnnxFixtures.model(SequenceClassifierEncoder.withoutTokenTypes("xlm-roberta cross-encoder",
                    7L, vocabulary, HIDDEN)), folder.resolve("onnx/model.onnx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }
}
