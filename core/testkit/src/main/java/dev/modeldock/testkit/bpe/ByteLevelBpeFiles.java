package dev.modeldock.testkit.bpe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A byte-level BPE model's tokenizer files as the hub has them: {@code vocab.json}, {@code merges.txt},
 * {@code tokenizer_config.json}, and the {@code tokenizer.json} Hugging Face's converter makes of them
 * (BPE model, ByteLevel pre-tokenizer without a prefix space, and for RoBERTa the RobertaProcessing
 * post-processor that adds {@code <s>}/{@code </s>}), which the reference reads.
 *
 * @param tokenizerClass tokenizer_config.json's tokenizer_class
 * @param bpe            the pieces and merges
 * @param vocab          pieces and specials to ids
 */
public record ByteLevelBpeFiles(String tokenizerClass, ByteLevelBpe bpe, Map<String, Integer> vocab) {
    /** RoBERTa's (fairseq's) first four ids. */
    public static final List<String> ROBERTA_SPECIALS = List.of("<s>", "<pad>", "</s>", "<unk>");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ByteLevelBpe small;

    /** A few hundred merges learnt from plain English ({@link ByteLevelBpeTrainer#ENGLISH}). */
    public static synchronized ByteLevelBpe small() {
        if (small == null) {
            small = ByteLevelBpeTrainer.train(ByteLevelBpeTrainer.ENGLISH, 300);
        }
        return small;
    }

    /** RoBERTa's layout: {@code <s> <pad> </s> <unk>} as 0-3, the pieces, {@code <mask>} last. */
    public static ByteLevelBpeFiles roberta(ByteLevelBpe bpe) {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        ROBERTA_SPECIALS.forEach(special -> vocab.put(special, vocab.size()));
        bpe.pieces().forEach(piece -> vocab.put(piece, vocab.size()));
        vocab.put("<mask>", vocab.size());
        return new ByteLevelBpeFiles("RobertaTokenizer", bpe, vocab);
    }

    /** GPT-2's layout: the pieces, {@code <|endoftext|>} last. */
    public static ByteLevelBpeFiles gpt2(ByteLevelBpe bpe) {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        bpe.pieces().forEach(piece -> vocab.put(piece, vocab.size()));
        vocab.put("<|endoftext|>", vocab.size());
        return new ByteLevelBpeFiles("GPT2Tokenizer", bpe, vocab);
    }

    public boolean roberta() {
        return tokenizerClass.startsWith("Roberta");
    }

    /** Writes all four files into {@code folder}; returns it. */
    public Path writeInto(Path folder) {
        writeVocabAndMerges(folder);
        write(folder, "tokenizer_config.json", roberta()
                ? "{\"tokenizer_class\": \"RobertaTokenizer\", \"model_max_length\": 512, \"bos_token\": \"<s>\","
                        + " \"eos_token\": \"</s>\", \"pad_token\": \"<pad>\", \"unk_token\": \"<unk>\","
                        + " \"mask_token\": \"<mask>\", \"add_prefix_space\": false}"
                : "{\"tokenizer_class\": \"GPT2Tokenizer\", \"model_max_length\": 1024,"
                        + " \"bos_token\": \"<|endoftext|>\", \"eos_token\": \"<|endoftext|>\","
                        + " \"unk_token\": \"<|endoftext|>\", \"add_prefix_space\": false}");
        return write(folder, "tokenizer.json", tokenizerJson().toString());
    }

    /** Only vocab.json and merges.txt, as a folder without a fast tokenizer (microsoft/codebert-base) has them. */
    public Path writeVocabAndMerges(Path folder) {
        try {
            write(folder, "vocab.json", JSON.writeValueAsString(vocab));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return write(folder, "merges.txt", bpe.mergesTxt());
    }

    /** The fast tokenizer's description of the same vocabulary. */
    public ObjectNode tokenizerJson() {
        ObjectNode root = JSON.createObjectNode().put("version", "1.0");
        ArrayNode added = root.putArray("added_tokens");
        List<String> specials = new ArrayList<>(roberta() ? ROBERTA_SPECIALS : List.of());
        specials.add(roberta() ? "<mask>" : "<|endoftext|>");
        for (String special : specials) {
            added.addObject().put("id", vocab.get(special)).put("content", special).put("single_word", false)
                    .put("lstrip", special.equals("<mask>")).put("rstrip", false).put("normalized", false)
                    .put("special", true);
        }
        root.putNull("normalizer");
        root.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false)
                .put("trim_offsets", true).put("use_regex", true);
        if (roberta()) {
            ObjectNode post = root.putObject("post_processor").put("type", "RobertaProcessing");
            post.putArray("sep").add("</s>").add(vocab.get("</s>"));
            post.putArray("cls").add("<s>").add(vocab.get("<s>"));
            post.put("trim_offsets", true).put("add_prefix_space", false);
        } else {
            root.putObject("post_processor").put("type", "ByteLevel").put("add_prefix_space", true)
                    .put("trim_offsets", false).put("use_regex", true);
        }
        root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", true)
                .put("trim_offsets", true).put("use_regex", true);
        ObjectNode model = root.putObject("model").put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.put("continuing_subword_prefix", "").put("end_of_word_suffix", "").put("fuse_unk", false)
                .put("byte_fallback", false);
        ObjectNode vocabNode = model.putObject("vocab");
        vocab.forEach(vocabNode::put);
        ArrayNode merges = model.putArray("merges");
        bpe.merges().forEach(pair -> merges.add(pair.get(0) + " " + pair.get(1)));
        return root;
    }

    /** Writes {@code text} as UTF-8 to {@code folder/name}, making the folder; answers the folder. */
    static Path write(Path folder, String name, String text) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
