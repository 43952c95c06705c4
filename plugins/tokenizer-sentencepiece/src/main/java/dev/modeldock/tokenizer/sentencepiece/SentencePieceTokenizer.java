package dev.modeldock.tokenizer.sentencepiece;

import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.LongestFirst;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.TokenIds;
import dev.modeldock.plugin.Tokenizer;
import dev.modeldock.plugin.TokenizerOptions;
import java.util.Base64;
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
    /** The piece SentencePiece writes for a space. */
    private static final String SPACE = "\u2581";
    /** ONNX TensorProto data type codes for Cast. */
    private static final long INT64 = 7;
    private static final long BOOL = 9;

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
        String kept = graph.node("Slice", textPieces(graph, text, model), graph.constant("from", new long[] {0}, 1),
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
        LongestFirst.Kept kept = LongestFirst.truncate(graph, textPieces(graph, first, model),
                textPieces(graph, second, model), budget);
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

    /**
     * One text's pieces as Hugging Face's tokenizer.json gives them, no specials: the op's, and the
     * trailing {@code \u2581} piece when the tokenizer.json keeps one.
     */
    private static String textPieces(GraphBuilder graph, String text, ModelFolder model) {
        SentencePieceModel spm = SentencePieceFiles.read(model);
        String ids = pieces(graph, text, spm.bytes());
        if (SentencePieceFiles.keepsTrailingSpace(model) && spm.has(SPACE)) {
            ids = concat(graph, ids, trailingSpace(graph, text, spm));
        }
        return ids;
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

    /** The op on {@code model}: the text's pieces as int64 XLM-RoBERTa ids, no specials. */
    private static String pieces(GraphBuilder graph, String text, byte[] model) {
        // The op runs every input on each call and reads inputs by position: all six are required.
        List<String> outputs = graph.node(GraphBuilder.CONTRIB_DOMAIN, "SentencepieceTokenizer", List.of(text,
                graph.constant("nbest_size", new long[] {0}), graph.constant("alpha", new float[] {0f}),
                flag(graph, "add_bos", false), flag(graph, "add_eos", false), flag(graph, "reverse", false),
                flag(graph, "fairseq", true)), 2, Map.of("model", Base64.getEncoder().encodeToString(model)));
        // One text in, so the flat int32 tokens are that text's pieces.
        return graph.node("Cast", List.of(outputs.get(0)), Map.of("to", INT64));
    }

    /**
     * One {@code \u2581} piece when the text ends with what the model's normalization makes a space,
     * else nothing: the last piece the hub's tokenizer.json gives such a text, which SentencePiece
     * drops. A second op runs the model with {@code remove_extra_whitespaces} off, whose last piece is
     * {@code \u2581} exactly then; {@code Compress} keeps that piece or nothing. Tokenizer ops and
     * standard ops only: a string op would find the trailing space too, but the database may not
     * load one.
     */
    private static String trailingSpace(GraphBuilder graph, String text, SentencePieceModel spm) {
        String keeping = pieces(graph, text, spm.keepingWhitespace());
        String last = graph.node("Slice", keeping, graph.constant("last", new long[] {-1}, 1),
                graph.constant("end", new long[] {Long.MAX_VALUE}, 1), graph.constant("axis", new long[] {0}, 1));
        String isSpace = graph.node("Equal", last, graph.constant("space", new long[] {spm.fairseqId(SPACE)}, 1));
        return graph.node("Compress", List.of(last, isSpace), Map.of("axis", 0L));
    }

    /** A bool scalar input: the builder makes int64 constants, Cast turns them into bool. */
    private static String flag(GraphBuilder graph, String name, boolean on) {
        return graph.node("Cast", List.of(graph.constant(name, new long[] {on ? 1 : 0})), Map.of("to", BOOL));
    }
}
