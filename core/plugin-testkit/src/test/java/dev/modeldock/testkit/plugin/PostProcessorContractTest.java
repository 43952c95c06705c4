package dev.modeldock.testkit.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.Activation;
import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.Parameters;
import dev.modeldock.plugin.PostProcessor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract passes post-processors whose two forms agree, and names what differs in those that do not. */
class PostProcessorContractTest {
    private static final Activation SENTENCE = new Activation("x", 4, false);
    private static final Activation TOKENS = new Activation("x", 3, true);

    @TempDir
    Path dir;

    @Test
    void aStepWhoseNodesAndEvaluateComputeTheSamePasses() {
        PostProcessorContract.assertNodesAgreeWithEvaluate(new Scale(2, 2, 0, 99), parameters("Scale"), folder(),
                SENTENCE);
        PostProcessorContract.assertNodesAgreeWithEvaluate(new SumOfTokens(), parameters("SumOfTokens"), folder(),
                TOKENS);
    }

    @Test
    void aStepWhoseEvaluateComputesSomethingElseFailsNamingBothValues() {
        AssertionError e = assertThrows(AssertionError.class, () -> PostProcessorContract.assertNodesAgreeWithEvaluate(
                new Scale(2, 3, 0, 99), parameters("Scale"), folder(), SENTENCE, new float[][] {{1, 2, 3, 4}},
                PostProcessorContract.TOLERANCE));
        assertTrue(e.getMessage().contains("the nodes give 2.0 where evaluate gives 3.0 (row 0, value 0)"),
                e.getMessage());
    }

    @Test
    void aStepWhoseNodesGoWrongAtOneOpsetFailsNamingThatOpset() {
        AssertionError e = assertThrows(AssertionError.class, () -> PostProcessorContract.assertNodesAgreeWithEvaluate(
                new Scale(2, 2, 1, 18), parameters("Scale"), folder(), SENTENCE));
        assertTrue(e.getMessage().startsWith("Scale {name=Scale} at opset 18: the nodes give"), e.getMessage());
    }

    @Test
    void aStepWhoseCheckAnnouncesAnotherWidthThanItsNodesMakeFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> PostProcessorContract.assertNodesAgreeWithEvaluate(
                new Scale(2, 2, 0, 99) {
                    @Override
                    public Activation check(Activation input, Parameters parameters, ModelFolder model) {
                        return new Activation(input.tensor(), input.width() + 1, false);
                    }
                }, parameters("Scale"), folder(), SENTENCE));
        assertTrue(e.getMessage().contains("evaluate gives 1 x 4 where check announced 1 x 5"), e.getMessage());
    }

    @Test
    void theNodesCanBeRunAloneOnPaddedTokens() {
        PostProcessorNodes.Output sum = PostProcessorNodes.of(new SumOfTokens(), parameters("SumOfTokens"), folder())
                .onTokens(new float[][] {{1, 2, 3}, {10, 20, 30}, {100, 200, 300}}, new long[] {1, 1, 0});
        assertArrayEquals(new long[] {1, 3}, sum.shape());
        assertArrayEquals(new float[] {11, 22, 33}, sum.values(), "the padded token is left out");
    }

    private static Parameters parameters(String name) {
        return new Parameters(Map.of("name", name));
    }

    private ModelFolder folder() {
        return new ModelFolder("tiny", dir);
    }

    /**
     * Multiplies a sentence embedding: the nodes by {@code nodeFactor}, plus {@code nodeError} from
     * {@code errorOpset} on; evaluate by {@code evaluateFactor}.
     */
    private static class Scale implements PostProcessor {
        private final float nodeFactor;
        private final float evaluateFactor;
        private final float nodeError;
        private final int errorOpset;

        Scale(float nodeFactor, float evaluateFactor, float nodeError, int errorOpset) {
            this.nodeFactor = nodeFactor;
            this.evaluateFactor = evaluateFactor;
            this.nodeError = nodeError;
            this.errorOpset = errorOpset;
        }

        @Override
        public String name() {
            return "Scale";
        }

        @Override
        public Set<String> parameterNames() {
            return Set.of();
        }

        @Override
        public Activation check(Activation input, Parameters parameters, ModelFolder model) {
            return input;
        }

        @Override
        public Activation append(GraphBuilder graph, Activation input, String attentionMask, Parameters parameters,
                ModelFolder model) {
            float factor = nodeFactor + (graph.opset() >= errorOpset ? nodeError : 0);
            String scaled = graph.node("Mul", input.tensor(), graph.constant("factor", new float[] {factor}, 1));
            return new Activation(scaled, input.width(), false);
        }

        @Override
        public float[][] evaluate(float[][] rows, Parameters parameters, ModelFolder model) {
            float[] out = new float[rows[0].length];
            for (int i = 0; i < out.length; i++) {
                out[i] = rows[0][i] * evaluateFactor;
            }
            return new float[][] {out};
        }
    }

    /** Token embeddings to their sum over the real tokens, a sentence embedding. */
    private static final class SumOfTokens implements PostProcessor {
        @Override
        public String name() {
            return "SumOfTokens";
        }

        @Override
        public Set<String> parameterNames() {
            return Set.of();
        }

        @Override
        public Activation check(Activation input, Parameters parameters, ModelFolder model) {
            return new Activation(input.tensor(), input.width(), false);
        }

        @Override
        public Activation append(GraphBuilder graph, Activation input, String attentionMask, Parameters parameters,
                ModelFolder model) {
            // [1, tokens] → [1, tokens, 1], as float, to zero the padded tokens before summing over axis 1.
            String mask = graph.node("Cast", List.of(graph.node("Unsqueeze", attentionMask,
                    graph.constant("last", new long[] {2}, 1))), Map.of("to", 1L));
            String sum = graph.node("ReduceSum", List.of(graph.node("Mul", input.tensor(), mask),
                    graph.constant("tokens", new long[] {1}, 1)), Map.of("keepdims", 0L));
            return new Activation(sum, input.width(), false);
        }

        @Override
        public float[][] evaluate(float[][] rows, Parameters parameters, ModelFolder model) {
            float[] sum = new float[rows[0].length];
            for (float[] row : rows) {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += row[i];
                }
            }
            return new float[][] {sum};
        }
    }
}
