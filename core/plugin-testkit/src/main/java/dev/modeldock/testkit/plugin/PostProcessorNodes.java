package dev.modeldock.testkit.plugin;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.graph.ProtoGraphBuilder;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.plan.OpsetPolicy;
import dev.modeldock.plugin.Activation;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.Parameters;
import dev.modeldock.plugin.PostProcessor;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * One post-processor's nodes alone in a graph, built by the host's graph builder as in a pipeline
 * and run in ONNX Runtime: input {@code x} (token embeddings [1, tokens, width] or a sentence
 * embedding [1, width]) and the attention mask {@code mask} int64 [1, tokens] in, the step's
 * activation out.
 *
 * <pre>{@code
 * PostProcessorNodes.Output pooled = PostProcessorNodes.of(new Pooling(), parameters, folder)
 *         .atOpset(18).onTokens(tokens, new long[] {1, 1, 0});
 * }</pre>
 */
public final class PostProcessorNodes {
    private final PostProcessor step;
    private final Parameters parameters;
    private final ModelFolder model;
    private final int opset;

    private PostProcessorNodes(PostProcessor step, Parameters parameters, ModelFolder model, int opset) {
        this.step = step;
        this.parameters = parameters;
        this.model = model;
        this.opset = opset;
    }

    /** The nodes of {@code step} as configured by {@code parameters}, at ModelDock's preferred opset. */
    public static PostProcessorNodes of(PostProcessor step, Parameters parameters, ModelFolder model) {
        return new PostProcessorNodes(step, parameters, model, OpsetPolicy.PREFERRED_OPSET);
    }

    /** The same nodes in a graph labelled with another opset of the default domain. */
    public PostProcessorNodes atOpset(int graphOpset) {
        return new PostProcessorNodes(step, parameters, model, graphOpset);
    }

    /** The step's output for token embeddings, one row per token, and the mask of real tokens. */
    public Output onTokens(float[][] tokens, long[] mask) {
        if (mask.length != tokens.length) {
            throw new IllegalArgumentException(mask.length + " mask values for " + tokens.length + " tokens");
        }
        return run(new float[][][] {tokens}, mask);
    }

    /** The step's output for a sentence embedding (the mask then says one token). */
    public Output onSentence(float[] embedding) {
        return run(new float[][] {embedding}, new long[] {1});
    }

    /**
     * What the nodes gave.
     *
     * @param activation what the step's {@code append} said it produces
     * @param shape      the output's shape as ONNX Runtime gave it
     * @param values     the output, row-major
     */
    public record Output(Activation activation, long[] shape, float[] values) {
        /** The values as rows of the output's last dimension, as {@code evaluate} returns them. */
        public float[][] rows() {
            int width = (int) shape[shape.length - 1];
            float[][] rows = new float[values.length / width][];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = Arrays.copyOfRange(values, r * width, (r + 1) * width);
            }
            return rows;
        }
    }

    private Output run(Object x, long[] mask) {
        boolean perToken = x instanceof float[][][];
        float[][] rows = perToken ? ((float[][][]) x)[0] : (float[][]) x;
        int width = rows[0].length;
        ProtoGraphBuilder graph = new ProtoGraphBuilder("post-processor", opset);
        graph.addInput(perToken ? TensorTypes.tensor("x", DataType.FLOAT, 1, rows.length, width)
                : TensorTypes.tensor("x", DataType.FLOAT, 1, width));
        graph.addInput(TensorTypes.tensor("mask", DataType.INT64, 1, mask.length));
        Activation out = step.append(graph, new Activation("x", width, perToken), "mask", parameters, model);
        graph.publish(out.tensor(), out.perToken() ? TensorTypes.tensor("y", DataType.FLOAT, 1, rows.length,
                out.width()) : TensorTypes.tensor("y", DataType.FLOAT, 1, out.width()));
        Path file = null;
        try {
            file = Files.createTempFile("post-processor-", ".onnx");
            OnnxFixtures.write(OnnxFixtures.model(graph.build(), opset,
                    graph.customDomains().toArray(String[]::new)), file);
            Object y = OnnxFixtures.run(file, Map.of("x", x, "mask", new long[][] {mask}), "y").get("y");
            return output(out, y);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ai.onnxruntime.OrtException e) {
            throw new AssertionError(step.name() + " " + parameters + " at opset " + opset
                    + ": ONNX Runtime cannot run its nodes: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file left behind is not worth failing the test for
                }
            }
        }
    }

    /** Flattens the float[1][width] or float[1][tokens][width] ONNX Runtime gives. */
    private static Output output(Activation activation, Object y) {
        float[][] rows = y instanceof float[][][] perToken ? perToken[0] : (float[][]) y;
        int width = rows.length == 0 ? 0 : rows[0].length;
        float[] values = new float[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, values, r * width, width);
        }
        long[] shape = y instanceof float[][][] ? new long[] {1, rows.length, width} : new long[] {1, width};
        return new Output(activation, shape, values);
    }
}
