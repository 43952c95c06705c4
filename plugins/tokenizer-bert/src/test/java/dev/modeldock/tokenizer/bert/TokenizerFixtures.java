package dev.modeldock.tokenizer.bert;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modeldock.graph.ProtoGraphBuilder;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.TokenIds;
import dev.modeldock.plugin.TokenizerOptions;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the tokenizer files of tiny BERT-style models, laid out as the Hugging Face hub has them,
 * and the plugin's tokenizer for them as a graph of its own.
 */
final class TokenizerFixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A tiny uncased vocabulary; a token's id is its index. */
    static final List<String> VOCAB = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
            "hello", "world", "##s", "cafe", "the", "##re", ",", "!");

    private TokenizerFixtures() {
    }

    /**
     * A fast tokenizer's tokenizer.json: WordPiece over {@code vocab}, a BertNormalizer with
     * strip_accents null and a TemplateProcessing post-processor "[CLS] $A [SEP]".
     */
    static ObjectNode tokenizerJson(List<String> vocab) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        ObjectNode normalizer = root.putObject("normalizer");
        normalizer.put("type", "BertNormalizer");
        normalizer.put("clean_text", true);
        normalizer.put("handle_chinese_chars", true);
        normalizer.putNull("strip_accents");
        normalizer.put("lowercase", true);
        root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        single.addObject().putObject("SpecialToken").put("id", "[CLS]").put("type_id", 0);
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        single.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 0);
        ArrayNode pair = post.putArray("pair");
        pair.addObject().putObject("SpecialToken").put("id", "[CLS]").put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        pair.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
        pair.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 1);
        ObjectNode specials = post.putObject("special_tokens");
        for (String special : List.of("[CLS]", "[SEP]")) {
            ObjectNode entry = specials.putObject(special).put("id", special);
            entry.putArray("ids").add(vocab.indexOf(special));
            entry.putArray("tokens").add(special);
        }
        ObjectNode model = root.putObject("model");
        model.put("type", "WordPiece");
        model.put("unk_token", "[UNK]");
        model.put("continuing_subword_prefix", "##");
        model.put("max_input_chars_per_word", 100);
        ObjectNode ids = model.putObject("vocab");
        for (int id = 0; id < vocab.size(); id++) {
            ids.put(vocab.get(id), id);
        }
        return root;
    }

    /** A byte-level BPE tokenizer.json, as GPT-2 or RoBERTa ship it. */
    static ObjectNode bpeTokenizerJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putObject("vocab").put("<s>", 0).put("</s>", 1).put("h", 2).put("i", 3).put("hi", 4);
        model.putArray("merges").add("h i");
        return root;
    }

    static Path writeJson(Path folder, String fileName, Object json) throws IOException {
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve(fileName), JSON.writeValueAsString(json));
    }

    /** vocab.txt: one token a line, ending with a newline as BERT's files do. */
    static Path writeVocabTxt(Path folder, List<String> vocab) throws IOException {
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve("vocab.txt"), String.join("\n", vocab) + "\n");
    }

    /** The ids of {@code tokens} in {@link #VOCAB}. */
    static long[] ids(String... tokens) {
        long[] ids = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            ids[i] = VOCAB.indexOf(tokens[i]);
            if (ids[i] < 0) {
                throw new IllegalArgumentException(tokens[i] + " is not in the test vocabulary");
            }
        }
        return ids;
    }

    /** The plugin's tokenizer over {@code model} as a graph: "input" STRING [1] → "ids" INT64 [1, tokens]. */
    static ProtoGraphBuilder idsGraph(ModelFolder model, TokenizerOptions options) {
        ProtoGraphBuilder graph = new ProtoGraphBuilder("tokenizer", 17);
        graph.addInput(TensorTypes.tensor("input", DataType.STRING, 1));
        TokenIds ids = new WordPieceTokenizer().append(graph, "input", model, options);
        graph.publish(ids.inputIds(), TensorTypes.tensor("ids", DataType.INT64, 1, "tokens"));
        return graph;
    }

    /** Writes {@code graph} as a model importing the default domain at its opset and onnxruntime-extensions'. */
    static Path write(ProtoGraphBuilder graph, Path file) throws IOException {
        return OnnxFixtures.write(OnnxFixtures.model(graph.build(), graph.opset(), GraphBuilder.CONTRIB_DOMAIN), file);
    }
}
