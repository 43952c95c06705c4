package dev.modeldock.tokenizer.bert;

import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.TokenIds;
import dev.modeldock.plugin.Tokenizer;
import dev.modeldock.plugin.TokenizerOptions;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * BERT-style WordPiece tokenization (BERT, MiniLM, MPNet, E5, BGE) as onnxruntime-extensions'
 * {@code BertTokenizer} operator, the one tokenizer op Oracle's in-database runtime ships for it.
 */
@Extension
public final class WordPieceTokenizer implements Tokenizer {

    @Override
    public String name() {
        return "bert";
    }

    @Override
    public boolean recognizes(ModelFolder model) {
        return WordPieceFiles.describes(model);
    }

    @Override
    public TokenIds append(GraphBuilder graph, String text, ModelFolder model, TokenizerOptions options) {
        WordPieceFiles files = WordPieceFiles.read(model);
        boolean lowercase = options.doLowerCase();
        boolean stripAccents = stripsAccents(files, options);
        // Letters the op would read accented or uppercase where Hugging Face reads them plain and lower.
        Map<String, Integer> aliases = UnicodeAliases.of(files.vocabulary(), files.suffixIndicator(), stripAccents,
                lowercase);
        // Each value's Java type is the attribute type the op reads (see GraphBuilder): String for
        // STRING, long for INT, flags included. The op takes an attribute of another type for a missing
        // one and silently uses its default.
        List<String> ids = graph.node(GraphBuilder.CONTRIB_DOMAIN, "BertTokenizer", List.of(text), 3, Map.ofEntries(
                Map.entry("vocab_file", vocabularyText(files.vocabulary(), aliases)),
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
                // Truncating on the op keeps [CLS] and [SEP]; the op reserves two places for them.
                Map.entry("max_length", (long) options.maxSequenceLength())));
        // The op returns 1-D tensors (ids, type ids, mask); encoders take [batch, tokens].
        String batchAxis = graph.constant("batch_axis", new long[] {0}, 1);
        return new TokenIds(
                graph.node("Unsqueeze", realIds(graph, ids.get(0), files.vocabulary(), aliases), batchAxis),
                graph.node("Unsqueeze", ids.get(2), batchAxis),
                graph.node("Unsqueeze", ids.get(1), batchAxis));
    }

    /**
     * For a vocabulary read with accents stripped (uncased), the writing systems the op cannot read as
     * Hugging Face does and why ({@code known-limits.tsv}); measured on uncased vocabularies only, so a
     * cased one declares none and any difference is reported as unexplained.
     */
    @Override
    public Map<String, String> knownLimits(ModelFolder model, TokenizerOptions options) {
        return stripsAccents(WordPieceFiles.read(model), options) ? KnownLimits.byWritingSystem() : Map.of();
    }

    /** The op strips no accents unless told; tokenizer files say null to mean "when lowercasing". */
    private static boolean stripsAccents(WordPieceFiles files, TokenizerOptions options) {
        return files.stripAccents() == null ? options.doLowerCase() : files.stripAccents();
    }

    /** The model's vocabulary, then one line per alias: the op gives an alias the id after the last. */
    private static String vocabularyText(Vocabulary vocabulary, Map<String, Integer> aliases) {
        return aliases.isEmpty() ? vocabulary.asText()
                : vocabulary.asText() + "\n" + String.join("\n", aliases.keySet());
    }

    /** Maps alias ids back to the ids of the tokens they stand for; the model's own ids map to themselves. */
    private static String realIds(GraphBuilder graph, String opIds, Vocabulary vocabulary,
            Map<String, Integer> aliases) {
        if (aliases.isEmpty()) {
            return opIds;
        }
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

    /** A flag as the op reads it: an INT attribute, 1 or 0. */
    private static long flag(boolean on) {
        return on ? 1L : 0L;
    }
}
