package dev.modeldock.tokenizer.clip;

import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.TokenIds;
import dev.modeldock.plugin.TokenizerOptions;
import java.util.List;
import java.util.Map;

/**
 * The nodes the CLIP tokenizer emits: onnxruntime-extensions' {@code CLIPTokenizer} op with
 * {@code vocab.json} and {@code merges.txt} as text attributes, then standard ops that mend the two
 * places where the op's splitting differs from Hugging Face's on plain text, and truncate.
 *
 * <p>Read in the op's source (0.13.0, {@code bpe_kernels.cc}) and measured: the op adds
 * {@code <|startoftext|>} and {@code <|endoftext|>} itself, collapses whitespace runs, trims the ends
 * and lowercases, as CLIP's tokenizer does; but it splits words with GPT-2's pattern, not CLIP's. So
 * <ul>
 * <li>a run of digits is one word to the op ({@code 2024} gives the pieces {@code 2 0 2 4</w>}) but
 * every digit is a word to CLIP ({@code 2</w> 0</w> 2</w> 4</w>}); CLIP's merges never join two digits,
 * so the nodes turn each bare digit piece into its {@code </w>} form;</li>
 * <li>a tab, vertical tab or form feed is a space to CLIP and dropped, but a symbol to the op, which
 * gives it a piece of its own: the nodes drop those pieces.</li>
 * </ul>
 * The op truncates only with {@code padding_length}, and then (by its source) appends
 * {@code <|endoftext|>} after that many ids, one more than its output holds; so none is set: the nodes
 * keep {@code max_seq_length - 2} pieces between the op's own first and last ids. What the nodes cannot mend is in {@link ClipTokenizer}'s overview.
 */
final class ClipNodes {
    private static final long LAST = Long.MAX_VALUE;
    /** Tab, vertical tab, form feed: whitespace to CLIP, which the op's pattern reads as symbols. */
    private static final int[] SPACE_BYTES = {0x09, 0x0b, 0x0c};

    private ClipNodes() {
    }

    static TokenIds append(GraphBuilder graph, String text, ModelFolder model, TokenizerOptions options) {
        if (!options.doLowerCase()) {
            throw new ModelDockException("do_lower_case is false, but model '" + model.id() + "' has CLIP's tokenizer,"
                    + " which lowercases every text (the CLIPTokenizer op and Hugging Face's alike): set do_lower_case"
                    + " to true");
        }
        if (options.maxSequenceLength() < 3) {
            throw new ModelDockException("max_seq_length " + options.maxSequenceLength() + " leaves no room for a"
                    + " token between <|startoftext|> and <|endoftext|>: set it to 3 or more");
        }
        ClipVocabulary vocabulary = ClipVocabulary.read(model);
        // The op's second output (attention_mask) is left unused: the mask is rebuilt after truncation.
        String ids = graph.node(GraphBuilder.CONTRIB_DOMAIN, "CLIPTokenizer", List.of(text), 1,
                Map.of("vocab", vocabulary.vocabJson(), "merges", vocabulary.merges())).get(0);
        String flat = graph.node("Reshape", ids, graph.constant("flat", new long[] {-1}, 1));
        String kept = graph.node("Compress", flat, graph.node("Equal", matches(graph, flat, spaceIds(vocabulary)),
                graph.constant("none", new long[] {0}, 1)));
        String mended = graph.node("Add", kept, digitShift(graph, kept, vocabulary));
        String row = graph.node("Reshape", mended, graph.constant("row", new long[] {1, -1}, 2));
        String inputIds = graph.node("Concat", List.of(slice(graph, row, 0, 1),
                slice(graph, slice(graph, row, 1, -1), 0, options.maxSequenceLength() - 2L),
                slice(graph, row, -1, LAST)), Map.of("axis", 1L));
        String shape = graph.node("Shape", inputIds);
        return new TokenIds(inputIds,
                graph.node("Expand", graph.constant("one", new long[] {1}, 1), shape),
                graph.node("Expand", graph.constant("zero", new long[] {0}, 1), shape));
    }

    /** The pieces of the three whitespace bytes, alone and ending a word. */
    private static long[] spaceIds(ClipVocabulary vocabulary) {
        long[] ids = new long[SPACE_BYTES.length * 2];
        for (int i = 0; i < SPACE_BYTES.length; i++) {
            ids[2 * i] = vocabulary.byteId(SPACE_BYTES[i], false);
            ids[2 * i + 1] = vocabulary.byteId(SPACE_BYTES[i], true);
        }
        return ids;
    }

    /** For each of {@code ids} [n], what turns a bare digit piece into its {@code </w>} form, else 0. */
    private static String digitShift(GraphBuilder graph, String ids, ClipVocabulary vocabulary) {
        long[] bare = new long[10];
        long[] shift = new long[10];
        for (int digit = 0; digit < 10; digit++) {
            bare[digit] = vocabulary.byteId('0' + digit, false);
            shift[digit] = vocabulary.byteId('0' + digit, true) - bare[digit];
        }
        String hits = graph.node("Cast", List.of(graph.node("Equal", column(graph, ids),
                graph.constant("bare_digits", bare, bare.length))), Map.of("to", 7L));
        return graph.node("ReduceSum", List.of(graph.node("Mul", hits, graph.constant("digit_shift", shift,
                shift.length)), graph.constant("piece_axis", new long[] {1}, 1)), Map.of("keepdims", 0L));
    }

    /** For each of {@code ids} [n], how many of {@code targets} it equals (0 or 1), int64 [n]. */
    private static String matches(GraphBuilder graph, String ids, long[] targets) {
        String hits = graph.node("Cast", List.of(graph.node("Equal", column(graph, ids),
                graph.constant("targets", targets, targets.length))), Map.of("to", 7L));
        return graph.node("ReduceSum", List.of(hits, graph.constant("piece_axis", new long[] {1}, 1)),
                Map.of("keepdims", 0L));
    }

    private static String column(GraphBuilder graph, String ids) {
        return graph.node("Reshape", ids, graph.constant("column", new long[] {-1, 1}, 2));
    }

    /** {@code ids[:, from:to]} (Slice clamps an end past the length). */
    private static String slice(GraphBuilder graph, String ids, long from, long to) {
        return graph.node("Slice", ids, graph.constant("from", new long[] {from}, 1),
                graph.constant("to", new long[] {to}, 1), graph.constant("token_axis", new long[] {1}, 1));
    }
}
