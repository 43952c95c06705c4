package dev.modeldock.testkit.sentencepiece;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An XLM-RoBERTa-family model's tokenizer files, small: {@code sentencepiece.bpe.model} (a Unigram
 * model written by {@link SentencePieceModelWriter}) and the tokenizer.json Hugging Face's converter
 * makes of it: fairseq's {@code <s> <pad> </s> <unk>} as ids 0-3, the model's pieces from id 4 on,
 * {@code <mask>} last, a Metaspace pre-tokenizer, and the post-processor {@code <s> $A </s>} (pairs
 * {@code <s> $A </s> </s> $B </s>}, every token type 0). The
 * model has no character map, so the tokenizer.json has no Precompiled normalizer, only the
 * collapsing of repeated spaces that the model's {@code remove_extra_whitespaces} does too: the form
 * the hub's XLM-RoBERTa files have, which reads a trailing space as a last U+2581 piece. Hugging
 * Face's converter has since added a right Strip ({@link #writeStripping}).
 */
public final class XlmRobertaTokenizerFiles {
    public static final String MODEL_FILE = "sentencepiece.bpe.model";
    /** The pieces after {@code <unk> <s> </s>}, in id order, with scores. */
    public static final Map<String, Float> PIECES = pieces();

    private static final ObjectMapper JSON = new ObjectMapper();

    private XlmRobertaTokenizerFiles() {
    }

    /** Writes both files into {@code folder}; returns it. */
    public static Path write(Path folder) {
        writeModel(folder);
        return writeTokenizerJson(folder);
    }

    /**
     * Both files, tokenizer.json as Hugging Face's converter writes it today: trailing spaces stripped,
     * runs of spaces replaced by one U+2581.
     */
    public static Path writeStripping(Path folder) {
        writeModel(folder);
        ObjectNode tokenizer = tokenizerJson();
        ArrayNode steps = JSON.createArrayNode();
        steps.addObject().put("type", "Strip").put("strip_left", false).put("strip_right", true);
        steps.addObject().put("type", "Replace").put("content", "\u2581").putObject("pattern").put("Regex", " {2,}");
        ((ObjectNode) tokenizer.get("normalizer")).set("normalizers", steps);
        try {
            return writeBytes(folder, "tokenizer.json", JSON.writeValueAsBytes(tokenizer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only sentencepiece.bpe.model, as a model folder without a fast tokenizer has it. */
    public static Path writeModel(Path folder) {
        return writeBytes(folder, MODEL_FILE, SentencePieceModelWriter.unigram(PIECES));
    }

    /** Only tokenizer.json. */
    public static Path writeTokenizerJson(Path folder) {
        try {
            return writeBytes(folder, "tokenizer.json", JSON.writeValueAsBytes(tokenizerJson()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fast tokenizer's description of the same model. */
    public static ObjectNode tokenizerJson() {
        return tokenizerJson(PIECES, new byte[0]);
    }

    /**
     * The hub's tokenizer.json of an XLM-RoBERTa-family model with {@code pieces} (those after
     * {@code <unk> <s> </s>}) and the model's character map, {@code charsmap} (none when empty).
     */
    public static ObjectNode tokenizerJson(Map<String, Float> pieces, byte[] charsmap) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        List<String> specials = List.of("<s>", "<pad>", "</s>", "<unk>");
        ArrayNode added = root.putArray("added_tokens");
        for (int id = 0; id < specials.size(); id++) {
            addedToken(added, id, specials.get(id));
        }
        addedToken(added, specials.size() + pieces.size(), "<mask>");
        ArrayNode normalizers = root.putObject("normalizer").put("type", "Sequence").putArray("normalizers");
        if (charsmap.length > 0) {
            normalizers.addObject().put("type", "Precompiled")
                    .put("precompiled_charsmap", java.util.Base64.getEncoder().encodeToString(charsmap));
        }
        ObjectNode replace = normalizers.addObject();
        replace.put("type", "Replace").put("content", " ").putObject("pattern").put("Regex", " {2,}");
        for (String part : List.of("pre_tokenizer", "decoder")) {
            root.putObject(part).put("type", "Metaspace").put("replacement", "\u2581")
                    .put("prepend_scheme", "always").put("split", true);
        }
        ObjectNode post = root.putObject("post_processor").put("type", "TemplateProcessing");
        template(post.putArray("single"), List.of("<s>", "A", "</s>"));
        template(post.putArray("pair"), List.of("<s>", "A", "</s>", "</s>", "B", "</s>"));
        ObjectNode specialTokens = post.putObject("special_tokens");
        for (String special : List.of("<s>", "</s>")) {
            ObjectNode entry = specialTokens.putObject(special).put("id", special);
            entry.putArray("ids").add(specials.indexOf(special));
            entry.putArray("tokens").add(special);
        }
        ObjectNode model = root.putObject("model").put("type", "Unigram").put("unk_id", 3);
        ArrayNode vocab = model.putArray("vocab");
        specials.forEach(special -> vocab.addArray().add(special).add(0.0));
        pieces.forEach((piece, score) -> vocab.addArray().add(piece).add(score));
        vocab.addArray().add("<mask>").add(0.0);
        model.put("byte_fallback", false);
        return root;
    }

    private static void addedToken(ArrayNode added, int id, String content) {
        added.addObject().put("id", id).put("content", content).put("single_word", false)
                .put("lstrip", content.equals("<mask>")).put("rstrip", false).put("normalized", false)
                .put("special", true);
    }

    /** Every part with token type 0, the pair's second text too, as Hugging Face's XLM-RoBERTa converter writes it. */
    private static void template(ArrayNode template, List<String> parts) {
        for (String part : parts) {
            boolean sequence = part.length() == 1;
            template.addObject().putObject(sequence ? "Sequence" : "SpecialToken").put("id", part).put("type_id", 0);
        }
    }

    private static Path writeBytes(Path folder, String name, byte[] bytes) {
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve(name), bytes);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whole words likelier than their parts, then every single character the tests' texts use, so
     * Viterbi has real choices to make; small distinct offsets keep any two segmentations from tying.
     */
    private static Map<String, Float> pieces() {
        Map<String, Float> pieces = new LinkedHashMap<>();
        pieces.put("\u2581", -2.5f);
        List<String> words = List.of("\u2581hello", "\u2581world", "\u2581the", "\u2581database", "\u2581data",
                "base", "\u2581model", "\u2581multi", "lingual", "\u2581text", "\u2581search", "\u2581Oracle", "\u2581is",
                "\u2581a", "\u2581of", "\u2581and", "\u2581in", "\u2581to", "\u2581Hello", "\u2581The", "s", "ing", "ed",
                "er", "\u2581embed", "\u2581vector", "\u2581quick", "\u2581brown", "\u2581fox", "\u2581caf\u00e9",
                "\u2581\u03ba\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1", "\u2581\u043f\u0440\u0438\u0432\u0435\u0442",
                "\u2581\u043c\u0438\u0440", "\u2581\u4f60\u597d", "\u4e16\u754c", "\u2581\uc548\ub155", "\ud558\uc138\uc694",
                "\u2581\u0928\u092e\u0938\u094d\u0924\u0947", "\u2581\u0645\u0631\u062d\u0628\u0627",
                "\u2581\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35");
        for (int i = 0; i < words.size(); i++) {
            pieces.put(words.get(i), -3f - 0.03f * i - 0.1f * words.get(i).length());
        }
        List<Integer> characters = new ArrayList<>();
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?'-:;()".chars().forEach(characters::add);
        "\u00e9\u00fc\u00f1\u03b1\u03b2\u03b3\u03ba\u03bb\u03bc\u043f\u0440\u0438\u043c\u4f60\u597d\u4e16\u754c\uc548\ub155"
                .chars().forEach(characters::add);
        for (int i = 0; i < characters.size(); i++) {
            pieces.putIfAbsent(Character.toString(characters.get(i)), -7f - 0.01f * i);
        }
        return Collections.unmodifiableMap(pieces);
    }
}
