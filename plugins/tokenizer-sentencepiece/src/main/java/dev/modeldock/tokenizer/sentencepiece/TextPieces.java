package dev.modeldock.tokenizer.sentencepiece;

import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.ModelFolder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Texts' pieces as the hub's tokenizer.json gives them, as XLM-RoBERTa ids without specials, from
 * onnxruntime-extensions' {@code SentencepieceTokenizer} with the model inside the graph. All texts
 * (one, or a pair's two) go through one op as a batch, so a pair graph holds the model file no more
 * often than a single-text graph; the op's {@code instance_indices} say where each text's pieces are.
 */
final class TextPieces {
    /** The piece SentencePiece writes for a space. */
    private static final String SPACE = "\u2581";
    /** ONNX TensorProto data type codes for Cast. */
    private static final long INT64 = 7;
    private static final long BOOL = 9;

    /** One op's output: all texts' pieces, int64, flat; {@code indices} int64 [texts + 1] bound each text's. */
    private record Batch(String pieces, String indices) {
    }

    private TextPieces() {
    }

    /** Each of {@code texts}' pieces (string tensors of shape [1]) as a 1-D int64 tensor, in order. */
    static List<String> of(GraphBuilder graph, List<String> texts, ModelFolder model) {
        SentencePieceModel spm = SentencePieceFiles.read(model);
        String batch = texts.size() == 1 ? texts.get(0)
                : graph.node("Concat", List.copyOf(texts), Map.of("axis", 0L));
        Batch pieces = tokenize(graph, batch, spm.bytes());
        Batch keepingSpaces = SentencePieceFiles.keepsTrailingSpace(model) && spm.has(SPACE)
                ? tokenize(graph, batch, spm.keepingWhitespace()) : null;
        List<String> perText = new ArrayList<>();
        for (int text = 0; text < texts.size(); text++) {
            String ids = graph.node("Slice", pieces.pieces(), start(graph, pieces, text), end(graph, pieces, text),
                    graph.constant("axis", new long[] {0}, 1));
            perText.add(keepingSpaces == null ? ids : graph.node("Concat",
                    List.of(ids, trailingSpace(graph, keepingSpaces, text, spm)), Map.of("axis", 0L)));
        }
        return perText;
    }

    /** The op on {@code model} over the batch of texts. */
    private static Batch tokenize(GraphBuilder graph, String texts, byte[] model) {
        // The op runs every input on each call and reads inputs by position: all six are required.
        List<String> outputs = graph.node(GraphBuilder.CONTRIB_DOMAIN, "SentencepieceTokenizer", List.of(texts,
                graph.constant("nbest_size", new long[] {0}), graph.constant("alpha", new float[] {0f}),
                flag(graph, "add_bos", false), flag(graph, "add_eos", false), flag(graph, "reverse", false),
                flag(graph, "fairseq", true)), 2, Map.of("model", Base64.getEncoder().encodeToString(model)));
        return new Batch(graph.node("Cast", List.of(outputs.get(0)), Map.of("to", INT64)), outputs.get(1));
    }

    /**
     * One {@code \u2581} piece when the text ends with what the model's normalization makes a space,
     * else nothing: the last piece the hub's tokenizer.json gives such a text, which SentencePiece
     * drops. The second op runs the model with {@code remove_extra_whitespaces} off, whose last piece of
     * the text is {@code \u2581} exactly then; {@code Compress} keeps that piece or nothing. The slice
     * starts no earlier than the text's first piece, so an empty text takes nothing from the one
     * before. Tokenizer ops and standard ops only: a string op would find the trailing space too, but
     * the database may not load one.
     */
    private static String trailingSpace(GraphBuilder graph, Batch keeping, int text, SentencePieceModel spm) {
        String start = start(graph, keeping, text);
        String end = end(graph, keeping, text);
        String lastStart = graph.node("Max", graph.node("Sub", end, graph.constant("one", new long[] {1}, 1)), start);
        String last = graph.node("Slice", keeping.pieces(), lastStart, end, graph.constant("axis", new long[] {0}, 1));
        String isSpace = graph.node("Equal", last, graph.constant("space", new long[] {spm.fairseqId(SPACE)}, 1));
        return graph.node("Compress", List.of(last, isSpace), Map.of("axis", 0L));
    }

    private static String start(GraphBuilder graph, Batch batch, int text) {
        return bound(graph, batch, text);
    }

    private static String end(GraphBuilder graph, Batch batch, int text) {
        return bound(graph, batch, text + 1);
    }

    /** {@code indices[at]} as a one-element tensor. */
    private static String bound(GraphBuilder graph, Batch batch, int at) {
        return graph.node("Slice", batch.indices(), graph.constant("at", new long[] {at}, 1),
                graph.constant("after", new long[] {at + 1L}, 1));
    }

    /** A bool scalar input: the builder makes int64 constants, Cast turns them into bool. */
    private static String flag(GraphBuilder graph, String name, boolean on) {
        return graph.node("Cast", List.of(graph.constant(name, new long[] {on ? 1 : 0})), Map.of("to", BOOL));
    }
}
