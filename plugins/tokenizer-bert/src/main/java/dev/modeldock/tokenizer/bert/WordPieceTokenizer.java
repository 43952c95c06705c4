package dev.modeldock.tokenizer.bert;

import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.LongestFirst;
import dev.modeldock.plugin.ModelDockException;
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
    /** [CLS], the [SEP] after the first text and the [SEP] after the second. */
    private static final int PAIR_SPECIALS = 3;

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
        BertTokenizerOp op = BertTokenizerOp.of(model, options);
        // Truncating on the op keeps [CLS] and [SEP]; the op reserves two places for them.
        List<String> ids = op.tokenize(graph, text, options.maxSequenceLength());
        // The op returns 1-D tensors (ids, type ids, mask); encoders take [batch, tokens].
        String batchAxis = graph.constant("batch_axis", new long[] {0}, 1);
        return new TokenIds(
                graph.node("Unsqueeze", op.realIds(graph, ids.get(0)), batchAxis),
                graph.node("Unsqueeze", ids.get(2), batchAxis),
                graph.node("Unsqueeze", ids.get(1), batchAxis));
    }

    /**
     * {@code [CLS] first [SEP] second [SEP]}, token types 0 through the first [SEP] and 1 after it. The
     * op given a pair ignores {@code max_length}, so each text is tokenized alone and untruncated, its
     * [CLS] and [SEP] dropped, and the two cut by Hugging Face's longest-first rule.
     */
    @Override
    public TokenIds appendPair(GraphBuilder graph, String first, String second, ModelFolder model,
            TokenizerOptions options) {
        int budget = options.maxSequenceLength() - PAIR_SPECIALS;
        if (budget < 2) {
            throw new ModelDockException("max_seq_length " + options.maxSequenceLength() + " leaves no room for a"
                    + " token of each text between [CLS], [SEP] and [SEP]: set it to " + (PAIR_SPECIALS + 2)
                    + " or more");
        }
        BertTokenizerOp op = BertTokenizerOp.of(model, options);
        LongestFirst.Kept kept = LongestFirst.truncate(graph, pieces(graph, op, first), pieces(graph, op, second),
                budget);
        String sep = graph.constant("sep", new long[] {op.sepId()}, 1);
        String firstSegment = concat(graph, graph.constant("cls", new long[] {op.clsId()}, 1), kept.first(), sep);
        String secondSegment = concat(graph, kept.second(), sep);
        String ids = concat(graph, firstSegment, secondSegment);
        String typeIds = concat(graph, filled(graph, 0, firstSegment), filled(graph, 1, secondSegment));
        String batchAxis = graph.constant("batch_axis", new long[] {0}, 1);
        return new TokenIds(
                graph.node("Unsqueeze", op.realIds(graph, ids), batchAxis),
                graph.node("Unsqueeze", filled(graph, 1, ids), batchAxis),
                graph.node("Unsqueeze", typeIds, batchAxis));
    }

    /**
     * For a vocabulary read with accents stripped (uncased), the writing systems the op cannot read as
     * Hugging Face does and why ({@code known-limits.tsv}); measured on uncased vocabularies only, so a
     * cased one declares none and any difference is reported as unexplained.
     */
    @Override
    public Map<String, String> knownLimits(ModelFolder model, TokenizerOptions options) {
        return BertTokenizerOp.stripsAccents(WordPieceFiles.read(model), options.doLowerCase())
                ? KnownLimits.byWritingSystem() : Map.of();
    }

    /** One text's pieces, all of them, without [CLS] and [SEP] (alias ids still unmapped). */
    private static String pieces(GraphBuilder graph, BertTokenizerOp op, String text) {
        String ids = op.tokenize(graph, text, BertTokenizerOp.NO_TRUNCATION).get(0);
        return graph.node("Slice", ids, graph.constant("after_cls", new long[] {1}, 1),
                graph.constant("before_sep", new long[] {-1}, 1), graph.constant("axis", new long[] {0}, 1));
    }

    private static String concat(GraphBuilder graph, String... parts) {
        return graph.node("Concat", List.of(parts), Map.of("axis", 0L));
    }

    /** A 1-D int64 tensor as long as {@code like}, every element {@code value}. */
    private static String filled(GraphBuilder graph, long value, String like) {
        return graph.node("Expand", graph.constant("fill", new long[] {value}, 1), graph.node("Shape", like));
    }
}
