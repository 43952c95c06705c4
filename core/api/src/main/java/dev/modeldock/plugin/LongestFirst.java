package dev.modeldock.plugin;

import java.util.List;
import java.util.Map;

/**
 * Hugging Face's longest-first truncation of a text pair, as standard ONNX nodes, for a
 * {@link Tokenizer#appendPair} to cut two texts' pieces to the budget its specials leave.
 *
 * <p>The rule is the one Hugging Face's Rust tokenizers apply (and DJL with them, the host's reference);
 * with {@code s <= l} the two texts' piece counts and {@code B} the budget:
 * <ul>
 *   <li>{@code s + l <= B}: both are kept whole;</li>
 *   <li>{@code s <= B / 2}: the shorter text is kept whole and the longer cut to {@code B - s};</li>
 *   <li>otherwise the shorter is cut to {@code B / 2} and the longer to {@code B / 2 + B % 2}.</li>
 * </ul>
 * That is: the shorter keeps {@code min(s, B / 2)} and the longer {@code min(l, B - kept)}. On equal
 * lengths the first text counts as the shorter, so with an odd budget the second keeps one piece more.
 * Each text loses pieces from its end.
 *
 * <p>The nodes use Shape, Min, Sub, Greater, Where and Slice on int64 tensors of one element, all in
 * the same form from opset 13 to 18.
 *
 * @since 1.0.0
 */
public final class LongestFirst {

    /**
     * The two texts' pieces after truncation.
     *
     * @param first  the name of the first text's kept pieces, int64 [kept]
     * @param second the name of the second text's kept pieces, int64 [kept]
     *
     * @since 1.0.0
     */
    public record Kept(String first, String second) {
    }

    private LongestFirst() {
    }

    /**
     * Appends the nodes that cut {@code first} and {@code second}, each a 1-D int64 tensor of one
     * text's pieces without special tokens, so that together they hold at most {@code budget} pieces.
     *
     * @param budget the most pieces both texts keep together: the sequence length minus the special
     *               tokens the pair template adds
     * @throws IllegalArgumentException when {@code budget} is negative
     */
    public static Kept truncate(GraphBuilder graph, String first, String second, int budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("a pair budget of " + budget + " pieces");
        }
        String firstCount = graph.node("Shape", first);
        String secondCount = graph.node("Shape", second);
        String shorterKeeps = graph.node("Min", graph.node("Min", firstCount, secondCount),
                graph.constant("half_budget", new long[] {budget / 2}, 1));
        String longerKeeps = graph.node("Min", graph.node("Max", firstCount, secondCount),
                graph.node("Sub", graph.constant("budget", new long[] {budget}, 1), shorterKeeps));
        // Hugging Face swaps the texts only when the first is strictly longer.
        String firstIsLonger = graph.node("Greater", firstCount, secondCount);
        return new Kept(
                head(graph, first, graph.node("Where", firstIsLonger, longerKeeps, shorterKeeps)),
                head(graph, second, graph.node("Where", firstIsLonger, shorterKeeps, longerKeeps)));
    }

    /** The first {@code count} elements of the 1-D {@code pieces}. */
    private static String head(GraphBuilder graph, String pieces, String count) {
        return graph.node("Slice", List.of(pieces, graph.constant("start", new long[] {0}, 1), count,
                graph.constant("axis", new long[] {0}, 1)), Map.of());
    }
}
