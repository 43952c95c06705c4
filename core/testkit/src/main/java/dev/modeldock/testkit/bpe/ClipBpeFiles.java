package dev.modeldock.testkit.bpe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CLIP-style text tokenizer's files as the hub has them (openai/clip-vit-base-patch32's layout),
 * small enough for a test: no registry ships CLIP's vocabulary, so the merges are learnt here the way
 * CLIP's were. CLIP lowercases, cleans whitespace, splits words with its own pattern (every digit a
 * word of its own), spells each word in GPT-2's byte alphabet and marks its last symbol with the
 * end-of-word suffix {@code </w>}. The vocabulary holds the 256 byte characters, the same with
 * {@code </w>}, one piece a merge, then {@code <|startoftext|>} and {@code <|endoftext|>} (the pad and
 * unknown token too), as CLIP's does; {@code tokenizer.json} is what Hugging Face's converter writes for
 * CLIP (NFC, whitespace runs to one space, lowercase; the split pattern; BPE with {@code </w>}; the
 * start and end tokens around every text), which the reference reads.
 *
 * @param bpe   the pieces (both byte forms first) and the learnt merges
 * @param vocab pieces and specials to ids
 */
public record ClipBpeFiles(ByteLevelBpe bpe, Map<String, Integer> vocab) {
    public static final String START = "<|startoftext|>";
    public static final String END = "<|endoftext|>";
    public static final String SUFFIX = "</w>";
    /** CLIP's pre-tokenizer pattern (Hugging Face's Split), without its two special tokens. */
    public static final String WORDS = "'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ClipBpeFiles small;

    /** Four hundred merges learnt from {@link ByteLevelBpeTrainer#ENGLISH}. */
    public static synchronized ClipBpeFiles small() {
        if (small == null) {
            small = train(ByteLevelBpeTrainer.ENGLISH, 400);
        }
        return small;
    }

    /** Learns {@code count} merges from {@code corpus} as CLIP's tokenizer splits and spells it. */
    public static ClipBpeFiles train(String corpus, int count) {
        Map<List<String>, Integer> words = new LinkedHashMap<>();
        Matcher word = Pattern.compile(WORDS).matcher(corpus.toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
        while (word.find()) {
            List<String> symbols = new ArrayList<>();
            ByteLevelAlphabet.encode(word.group()).chars().forEach(c -> symbols.add(Character.toString(c)));
            symbols.set(symbols.size() - 1, symbols.get(symbols.size() - 1) + SUFFIX);
            words.merge(symbols, 1, Integer::sum);
        }
        List<List<String>> merges = ByteLevelBpeTrainer.merges(words, count);
        Set<String> pieces = new LinkedHashSet<>();
        List<Integer> bytes = clipByteOrder();
        bytes.forEach(b -> pieces.add(String.valueOf(ByteLevelAlphabet.of(b))));
        bytes.forEach(b -> pieces.add(ByteLevelAlphabet.of(b) + SUFFIX));
        merges.forEach(pair -> pieces.add(pair.get(0) + pair.get(1)));
        Map<String, Integer> vocab = new LinkedHashMap<>();
        pieces.forEach(piece -> vocab.put(piece, vocab.size()));
        vocab.put(START, vocab.size());
        vocab.put(END, vocab.size());
        return new ClipBpeFiles(new ByteLevelBpe(List.copyOf(pieces), merges), vocab);
    }

    /** Writes vocab.json, merges.txt, tokenizer.json, tokenizer_config.json and special_tokens_map.json. */
    public Path writeInto(Path folder) {
        try {
            ByteLevelBpeFiles.write(folder, "vocab.json", JSON.writeValueAsString(vocab));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteLevelBpeFiles.write(folder, "merges.txt", bpe.mergesTxt());
        ByteLevelBpeFiles.write(folder, "tokenizer_config.json", "{\"tokenizer_class\": \"CLIPTokenizer\", \"model_max_length\": 77,"
                + " \"do_lower_case\": true, \"errors\": \"replace\", \"bos_token\": \"" + START + "\","
                + " \"eos_token\": \"" + END + "\", \"unk_token\": \"" + END + "\", \"pad_token\": \"" + END + "\"}");
        ByteLevelBpeFiles.write(folder, "special_tokens_map.json", "{\"bos_token\": \"" + START + "\", \"eos_token\": \"" + END
                + "\", \"unk_token\": \"" + END + "\", \"pad_token\": \"" + END + "\"}");
        return ByteLevelBpeFiles.write(folder, "tokenizer.json", tokenizerJson().toString());
    }

    /** The fast tokenizer's description of the same vocabulary, as Hugging Face writes it for CLIP. */
    public ObjectNode tokenizerJson() {
        ObjectNode root = JSON.createObjectNode().put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String special : List.of(START, END)) {
            added.addObject().put("id", vocab.get(special)).put("content", special).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", special.equals(START))
                    .put("special", true);
        }
        ArrayNode normalizers = root.putObject("normalizer").put("type", "Sequence").putArray("normalizers");
        normalizers.addObject().put("type", "NFC");
        ObjectNode replace = normalizers.addObject().put("type", "Replace");
        replace.putObject("pattern").put("Regex", "\\s+");
        replace.put("content", " ");
        normalizers.addObject().put("type", "Lowercase");
        ArrayNode pre = root.putObject("pre_tokenizer").put("type", "Sequence").putArray("pretokenizers");
        ObjectNode split = pre.addObject().put("type", "Split");
        split.putObject("pattern").put("Regex", "<\\|startoftext\\|>|<\\|endoftext\\|>|" + WORDS);
        split.put("behavior", "Removed").put("invert", true);
        pre.addObject().put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", true);
        ObjectNode post = root.putObject("post_processor").put("type", "RobertaProcessing");
        post.putArray("sep").add(END).add(vocab.get(END));
        post.putArray("cls").add(START).add(vocab.get(START));
        post.put("trim_offsets", false).put("add_prefix_space", false);
        root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", true).put("trim_offsets", true);
        ObjectNode model = root.putObject("model").put("type", "BPE");
        model.putNull("dropout");
        model.put("unk_token", END).put("continuing_subword_prefix", "").put("end_of_word_suffix", SUFFIX)
                .put("fuse_unk", false);
        ObjectNode vocabNode = model.putObject("vocab");
        vocab.forEach(vocabNode::put);
        ArrayNode merges = model.putArray("merges");
        bpe.merges().forEach(pair -> merges.add(pair.get(0) + " " + pair.get(1)));
        return root;
    }

    /** The order of CLIP's first 256 ids: {@code bytes_to_unicode}'s printable bytes, then the others. */
    private static List<Integer> clipByteOrder() {
        List<Integer> printable = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            (ByteLevelAlphabet.of(b) == (char) b ? printable : others).add(b);
        }
        printable.addAll(others);
        return printable;
    }
}
