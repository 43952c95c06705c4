package dev.modeldock.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.modeldock.plugin.ModelDockException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs an exported embedding pipeline: one text in, one vector out, exactly as the database will.
 *
 * <p>Java's ONNX Runtime binding hands strings to the graph in JNI's modified UTF-8, so characters
 * above U+FFFF (emoji, rare CJK) reach the tokenizer as two surrogates each; other clients, the
 * database among them, pass standard UTF-8.
 */
public final class PipelineSession implements AutoCloseable {
    private final OrtSession session;
    private final String input;
    private final String output;

    private PipelineSession(OrtSession session, String input, String output) {
        this.session = session;
        this.input = input;
        this.output = output;
    }

    /** Opens a pipeline that takes one string tensor and returns one tensor. */
    public static PipelineSession open(Path model, int threads) {
        OrtSession session = OrtSessions.open(model, threads);
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            if (inputs.size() != 1 || outputs.size() != 1) {
                throw new ModelDockException(model + " is not an embedding pipeline: it has " + inputs.keySet()
                        + " as inputs and " + outputs.keySet() + " as outputs (expected one of each)");
            }
            NodeInfo in = inputs.values().iterator().next();
            if (!(in.getInfo() instanceof TensorInfo tensor) || tensor.type != ai.onnxruntime.OnnxJavaType.STRING) {
                throw new ModelDockException(model + " is not an embedding pipeline: its input " + in.getName()
                        + " does not take strings");
            }
            return new PipelineSession(session, in.getName(), outputs.keySet().iterator().next());
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            throw e instanceof ModelDockException m ? m : new ModelDockException(e.getMessage(), e);
        }
    }

    /** The pipeline's output for {@code text}, flattened (for an embedding, its vector). */
    public float[] embed(String text) {
        return run(text, Tensors::flattenFloats);
    }

    /** The pipeline's int64 output for {@code text}, flattened (for a tokenizer-only graph, the ids). */
    public long[] tokenIds(String text) {
        return run(text, Tensors::flattenLongs);
    }

    private <T> T run(String text, Function<Object, T> flatten) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(OrtSessions.environment(), new String[] {text}, new long[] {1});
                OrtSession.Result result = session.run(Map.of(input, tensor))) {
            return flatten.apply(result.get(0).getValue());
        } catch (OrtException e) {
            throw new ModelDockException("the pipeline failed on a text: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing releases native memory; there is nothing to do if the runtime complains.
        }
    }
}
