package dev.modeldock.tokenizer.sentencepiece;

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
 * XLM-RoBERTa's SentencePiece tokenization (multilingual E5, paraphrase-multilingual-mpnet) as
 * onnxruntime-extensions' {@code SentencepieceTokenizer} operator with the model inside the graph.
 * The op normalizes and segments with the model's own rules; its {@code fairseq} flag shifts the ids
 * to XLM-RoBERTa's. It never truncates, so standard ops keep {@code max_seq_length - 2} pieces and then
 * add {@code <s>} and {@code </s>}, as Hugging Face's tokenizer does; a text pair is cut by
 * {@link LongestFirst}.
 */
@Extension
public final class SentencePieceTokenizer implements Tokenizer {
    /** {@code <s>} and {@code </s>} in XLM-RoBERTa's vocabulary. */
    private static final long BOS = 0;
    private static final long EOS = 2;
    /** {@code <s>}, {@code </s> </s>} between the texts and {@code </s>} at the end of a pair. */
    private static final int PAIR_SPECIALS = 4;

    @Override
    public String name() {
        return "sentencepiece";
    }

    @Override
    public boolean recognizes(ModelFolder model) {
        return SentencePieceFiles.describes(model);
    }

    @Override
    public TokenIds append(GraphBuilder graph, String text, ModelFolder model, TokenizerOptions options) {
        requireCaseKept(model, options);
        if (options.maxSequenceLength() < 3) {
            throw new ModelDockException("max_seq_length " + options.maxSequenceLength() + " leaves no room for a"
                    + " token between <s> and </s>: set it to 3 or more");
        }
        String kept = graph.node("Slice", TextPieces.of(graph, List.of(text), model).get(0), graph.constant("from", new long[] {0}, 1),
                graph.constant("to", new long[] {options.maxSequenceLength() - 2L}, 1),
                graph.constant("axis", new long[] {0}, 1));
        return withoutSegments(graph, concat(graph, graph.constant("bos", new long[] {BOS}, 1), kept,
                graph.constant("eos", new long[] {EOS}, 1)));
    }

    /**
     * {@code <s> first </s> </s> second </s>} with all token types 0, as Hugging Face's XLM-RoBERTa
     * tokenizer writes a pair (its template gives the second text no segment id of its own, and the
     * encoders have one token type). Each text's pieces are cut by Hugging Face's longest-first rule to
     * {@code max_seq_length - 4} together.
     */
    @Override
    public TokenIds appendPair(GraphBuilder graph, String first, String second, ModelFolder model,
            TokenizerOptions options) {
        requireCaseKept(model, options);
        int budget = options.maxSequenceLength() - PAIR_SPECIALS;
        if (budget < 2) {
            throw new ModelDockException("max_seq_length " + options.maxSequenceLength() + " leaves no room for a"
                    + " token of each text between <s>, </s> </s> and </s>: set it to " + (PAIR_SPECIALS + 2)
                    + " or more");
        }
        List<String> pieces = TextPieces.of(graph, List.of(first, second), model);
        LongestFirst.Kept kept = LongestFirst.truncate(graph, pieces.get(0), pieces.get(1), budget);
        String eos = graph.constant("eos", new long[] {EOS}, 1);
        return withoutSegments(graph, concat(graph, graph.constant("bos", new long[] {BOS}, 1), kept.first(), eos,
                eos, kept.second(), eos));
    }

    private static void requireCaseKept(ModelFolder model, TokenizerOptions options) {
        if (options.doLowerCase()) {
            throw new ModelDockException("do_lower_case is true, but model '" + model.id() + "' has a SentencePiece"
                    + " tokenizer, which keeps case (its normalization is inside " + SentencePieceModel.FILE + "),"
                    + " so no text with a capital letter would match the reference: set do_lower_case to false");
        }
    }

    /** The 1-D {@code ids} as the encoder takes them: [1, tokens], a mask of ones, token types all 0. */
    private static TokenIds withoutSegments(GraphBuilder graph, String ids) {
        String inputIds = graph.node("Unsqueeze", ids, graph.constant("batch_axis", new long[] {0}, 1));
        String shape = graph.node("Shape", inputIds);
        return new TokenIds(inputIds,
                graph.node("Expand", graph.constant("one", new long[] {1}, 1), shape),
                graph.node("Expand", graph.constant("zero", new long[] {0}, 1), shape));
    }

    private static String concat(GraphBuilder graph, String... parts) {
        return graph.node("Concat", List.of(parts), Map.of("axis", 0L));
    }
}
