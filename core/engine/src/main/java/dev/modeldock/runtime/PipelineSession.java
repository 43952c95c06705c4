package dev.modeldock.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.modeldock.plugin.ModelDockException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs an exported pipeline exactly as the database will: one text in and one vector out for an
 * embedding, a text pair in ({@code first_input}, {@code second_input}, in the graph's order) and one
 * score out for a reranker.
 *
 * <p>Java's ONNX Runtime binding hands strings to the graph in JNI's modified UTF-8, so characters
 * above U+FFFF (emoji, rare CJK) reach the tokenizer as two surrogates each; other clients, the
 * database among them, pass standard UTF-8.
 */
public final class PipelineSession implements AutoCloseable {
    private final OrtSession session;
    private final List<String> inputs;

    private PipelineSession(OrtSession session, List<String> inputs) {
        this.session = session;
        this.inputs = inputs;
    }

    /** Opens a pipeline that takes one or two string tensors and returns one tensor. */
    public static PipelineSession open(Path model, int threads) {
        return of(model, OrtSessions.open(model, threads));
    }

    /** The same for a conversion's validation, lean on memory for a large file ({@link OrtSessions#openForCheck}). */
    public static PipelineSession openForCheck(Path model, int threads) {
        return of(model, OrtSessions.openForCheck(model, threads));
    }

    private static PipelineSession of(Path model, OrtSession session) {
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            if (inputs.isEmpty() || inputs.size() > 2 || outputs.size() != 1) {
                throw new ModelDockException(model + " is not a text pipeline: it has " + inputs.keySet()
                        + " as inputs and " + outputs.keySet() + " as outputs (expected one or two inputs, one output)");
            }
            for (NodeInfo in : inputs.values()) {
                if (!(in.getInfo() instanceof TensorInfo tensor) || tensor.type != ai.onnxruntime.OnnxJavaType.STRING) {
                    throw new ModelDockException(model + " is not a text pipeline: its input " + in.getName()
                            + " does not take strings");
                }
            }
            return new PipelineSession(session, List.copyOf(inputs.keySet()));
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            throw e instanceof ModelDockException m ? m : new ModelDockException(e.getMessage(), e);
        }
    }

    /** The pipeline's output for {@code text}, flattened (for an embedding, its vector). */
    public float[] embed(String text) {
        return run(List.of(text), Tensors::flattenFloats);
    }

    /** A pair pipeline's output for the pair, flattened (for a reranker, its one score). */
    public float[] score(String first, String second) {
        return run(List.of(first, second), Tensors::flattenFloats);
    }

    /** The pipeline's int64 output for {@code text}, flattened (for a tokenizer-only graph, the ids). */
    public long[] tokenIds(String text) {
        return run(List.of(text), Tensors::flattenLongs);
    }

    /** A pair tokenizer-only graph's ids for the pair, flattened. */
    public long[] tokenIds(String first, String second) {
        return run(List.of(first, second), Tensors::flattenLongs);
    }

    private <T> T run(List<String> texts, Function<Object, T> flatten) {
        if (texts.size() != inputs.size()) {
            throw new ModelDockException("the pipeline takes " + inputs.size() + " text(s) (" + inputs + "), not "
                    + texts.size());
        }
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        try {
            for (int i = 0; i < texts.size(); i++) {
                feeds.put(inputs.get(i), OnnxTensor.createTensor(OrtSessions.environment(),
                        new String[] {texts.get(i)}, new long[] {1}));
            }
            try (OrtSession.Result result = session.run(feeds)) {
                return flatten.apply(result.get(0).getValue());
            }
        } catch (OrtException e) {
            throw new ModelDockException("the pipeline failed on a text: " + e.getMessage(), e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
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
