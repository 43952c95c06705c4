package dev.modeldock.testkit.plugin;

import dev.modeldock.plan.OpsetPolicy;
import dev.modeldock.plugin.Activation;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.Parameters;
import dev.modeldock.plugin.PostProcessor;
import java.util.Arrays;
import java.util.Random;

/**
 * The contract every {@link PostProcessor} must honour: its graph nodes compute what its
 * {@code evaluate} computes. The host builds the reference embedding of every export with
 * {@code evaluate} and refuses an export whose graph disagrees, so a plugin that breaks the contract
 * is found only when a user exports a model; this finds it in the plugin's own tests.
 *
 * <pre>{@code
 * @Test
 * void nodesAgreeWithEvaluate() {
 *     PostProcessorContract.assertNodesAgreeWithEvaluate(new MyPooling(), new Parameters(Map.of("name", "MyPooling")),
 *             new ModelFolder("tiny", folder), new Activation("x", 8, true));
 * }
 * }</pre>
 *
 * <p>What it checks, for one configuration and one input: {@code check} and {@code append} announce
 * the same activation; at every opset the host may label a pipeline with ({@value OpsetPolicy#MIN_OPSET}
 * to {@value OpsetPolicy#MAX_OPSET}), the nodes run in ONNX Runtime, their output has the shape that
 * activation implies, and its values are {@code evaluate}'s on the same rows, an unpadded text (every
 * token real), within the tolerance.
 *
 * <p>What it cannot check: that either form computes the right function. A step written wrong
 * twice, the same way, passes; a plugin's own tests compare it with values worked out apart from
 * both (the built-in post-processors' tests do).
 */
public final class PostProcessorContract {
    /** The largest difference allowed between a node output and {@code evaluate}'s, as float32 arithmetic allows. */
    public static final double TOLERANCE = 1e-5;

    private static final int GENERATED_TOKENS = 5;

    private PostProcessorContract() {
    }

    /**
     * The contract on seeded pseudo-random rows of {@code input}'s width: five tokens when it is per
     * token, else one sentence embedding, values from -2 to 2.
     *
     * @param input what flows into the step: its width and whether it is per token (its tensor name
     *              is not used)
     */
    public static void assertNodesAgreeWithEvaluate(PostProcessor step, Parameters parameters, ModelFolder model,
            Activation input) {
        Random random = new Random(input.width() * 31L + (input.perToken() ? 1 : 0));
        float[][] rows = new float[input.perToken() ? GENERATED_TOKENS : 1][input.width()];
        for (float[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextFloat() * 4 - 2;
            }
        }
        assertNodesAgreeWithEvaluate(step, parameters, model, input, rows, TOLERANCE);
    }

    /**
     * The contract on the given rows.
     *
     * @param input     what flows into the step: its width and whether it is per token
     * @param rows      the values flowing in: one row per token, or the one sentence embedding
     * @param tolerance the largest difference allowed between two values
     */
    public static void assertNodesAgreeWithEvaluate(PostProcessor step, Parameters parameters, ModelFolder model,
            Activation input, float[][] rows, double tolerance) {
        String subject = step.name() + " " + parameters;
        if (Arrays.stream(rows).anyMatch(row -> row.length != input.width())
                || (!input.perToken() && rows.length != 1)) {
            throw new IllegalArgumentException(subject + ": the rows are not a " + (input.perToken()
                    ? "[tokens, " + input.width() + "]" : "[1, " + input.width() + "]") + " input");
        }
        Activation declared = step.check(input, parameters, model);
        float[][] expected = step.evaluate(copy(rows), parameters, model);
        int expectedRows = declared.perToken() ? rows.length : 1;
        if (expected.length != expectedRows || Arrays.stream(expected).anyMatch(r -> r.length != declared.width())) {
            throw new AssertionError(subject + ": evaluate gives " + shape(expected) + " where check announced "
                    + expectedRows + " x " + declared.width());
        }
        long[] mask = new long[rows.length];
        Arrays.fill(mask, 1);
        for (int opset = OpsetPolicy.MIN_OPSET; opset <= OpsetPolicy.MAX_OPSET; opset++) {
            PostProcessorNodes nodes = PostProcessorNodes.of(step, parameters, model).atOpset(opset);
            PostProcessorNodes.Output out = input.perToken() ? nodes.onTokens(copy(rows), mask)
                    : nodes.onSentence(rows[0].clone());
            String at = subject + " at opset " + opset;
            if (out.activation().width() != declared.width() || out.activation().perToken() != declared.perToken()) {
                throw new AssertionError(at + ": append produces " + describe(out.activation()) + " where check"
                        + " announced " + describe(declared));
            }
            float[][] actual = out.rows();
            if (actual.length != expected.length || actual[0].length != expected[0].length) {
                throw new AssertionError(at + ": the nodes give " + shape(actual) + " where evaluate gives "
                        + shape(expected));
            }
            for (int r = 0; r < expected.length; r++) {
                for (int i = 0; i < expected[r].length; i++) {
                    double e = expected[r][i];
                    double a = actual[r][i];
                    if (!(Math.abs(a - e) <= tolerance)) {
                        throw new AssertionError(at + ": the nodes give " + a + " where evaluate gives " + e
                                + " (row " + r + ", value " + i + ")");
                    }
                }
            }
        }
    }

    private static float[][] copy(float[][] rows) {
        return Arrays.stream(rows).map(float[]::clone).toArray(float[][]::new);
    }

    private static String shape(float[][] rows) {
        return rows.length + " x " + (rows.length == 0 ? 0 : rows[0].length);
    }

    private static String describe(Activation activation) {
        return (activation.perToken() ? "token embeddings" : "a sentence embedding") + " of width "
                + activation.width();
    }
}
