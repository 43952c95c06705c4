package dev.modeldock.tokenizer.bert;

import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.TokenizerOptions;
import java.util.List;
import java.util.Map;

/**
 * onnxruntime-extensions' {@code BertTokenizer} op set up for one model: the attributes derived from
 * its tokenizer files and the configuration, the vocabulary with its {@link UnicodeAliases}, and the
 * mapping from alias ids back to the model's. The single-text and the pair tokenization both run it,
 * once per text.
 */
final class BertTokenizerOp {
    /**
     * The op's {@code max_length} for "do not truncate" (its default). Measured on 0.13.0: a value of 2
     * or less never truncates; from 3 on the op keeps {@code max_length - 2} pieces between [CLS] and [SEP].
     */
    static final long NO_TRUNCATION = -1;

    private final WordPieceFiles files;
    private final boolean lowercase;
    private final boolean stripAccents;
    private final Map<String, Integer> aliases;

    private BertTokenizerOp(WordPieceFiles files, boolean lowercase) {
        this.files = files;
        this.lowercase = lowercase;
        this.stripAccents = stripsAccents(files, lowercase);
        // Letters the op would read accented or uppercase where Hugging Face reads them plain and lower.
        this.aliases = UnicodeAliases.of(files.vocabulary(), files.suffixIndicator(), stripAccents, lowercase);
    }

    static BertTokenizerOp of(ModelFolder model, TokenizerOptions options) {
        return new BertTokenizerOp(WordPieceFiles.read(model), options.doLowerCase());
    }

    /**
     * The op on {@code text}: 1-D int64 ids (alias ids not yet mapped, see {@link #realIds}), token type
     * ids and attention mask, in that order; the ids start with [CLS] and end with [SEP].
     */
    List<String> tokenize(GraphBuilder graph, String text, long maxLength) {
        // Each value's Java type is the attribute type the op reads (see GraphBuilder): String for
        // STRING, long for INT, flags included. The op takes an attribute of another type for a missing
        // one and silently uses its default.
        return graph.node(GraphBuilder.CONTRIB_DOMAIN, "BertTokenizer", List.of(text), 3, Map.ofEntries(
                Map.entry("vocab_file", vocabularyText()),
                Map.entry("do_lower_case", flag(lowercase)),
                Map.entry("do_basic_tokenize", flag(true)),
                Map.entry("strip_accents", flag(stripAccents)),
                Map.entry("tokenize_chinese_chars", flag(files.tokenizeChineseChars())),
                Map.entry("unk_token", files.unknownToken()),
                Map.entry("cls_token", files.clsToken()),
                Map.entry("sep_token", files.sepToken()),
                Map.entry("pad_token", files.padToken()),
                Map.entry("mask_token", files.maskToken()),
                Map.entry("suffix_indicator", files.suffixIndicator()),
                Map.entry("max_length", maxLength)));
    }

    /** Maps alias ids back to the ids of the tokens they stand for; the model's own ids map to themselves. */
    String realIds(GraphBuilder graph, String opIds) {
        if (aliases.isEmpty()) {
            return opIds;
        }
        Vocabulary vocabulary = files.vocabulary();
        long[] table = new long[vocabulary.size() + aliases.size()];
        for (int id = 0; id < vocabulary.size(); id++) {
            table[id] = id;
        }
        int next = vocabulary.size();
        for (int target : aliases.values()) {
            table[next++] = target;
        }
        return graph.node("Gather", graph.constant("vocabulary_ids", table, table.length), opIds);
    }

    /** The op strips no accents unless told; tokenizer files say null to mean "when lowercasing". */
    static boolean stripsAccents(WordPieceFiles files, boolean lowercase) {
        return files.stripAccents() == null ? lowercase : files.stripAccents();
    }

    /** The id of [CLS] in the model's vocabulary. */
    long clsId() {
        return files.vocabulary().id(files.clsToken());
    }

    /** The id of [SEP] in the model's vocabulary. */
    long sepId() {
        return files.vocabulary().id(files.sepToken());
    }

    /** The model's vocabulary, then one line per alias: the op gives an alias the id after the last. */
    private String vocabularyText() {
        Vocabulary vocabulary = files.vocabulary();
        return aliases.isEmpty() ? vocabulary.asText()
                : vocabulary.asText() + "\n" + String.join("\n", aliases.keySet());
    }

    /** A flag as the op reads it: an INT attribute, 1 or 0. */
    private static long flag(boolean on) {
        return on ? 1L : 0L;
    }
}
