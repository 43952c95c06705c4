package dev.modeldock.postprocessing;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.modeldock.graph.ProtoGraphBuilder;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.runtime.OrtSessions;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds tiny graphs around one post-processor and runs them with real ONNX Runtime. */
final class OnnxGraphs {
    static final double TOLERANCE = 1e-5;

    private OnnxGraphs() {
    }

    /** A graph with a float input {@code x} of the given shape and, when {@code withMask}, an int64 {@code mask} [1, tokens]. */
    static ProtoGraphBuilder graph(int opset, long[] xShape, boolean withMask) {
        ProtoGraphBuilder graph = new ProtoGraphBuilder("test", opset);
        graph.addInput(TensorTypes.tensor("x", DataType.FLOAT, boxed(xShape)));
        if (withMask) {
            graph.addInput(TensorTypes.tensor("mask", DataType.INT64, 1, xShape[1]));
        }
        return graph;
    }

    /** Publishes {@code tensor} as output {@code y} of shape [1, width]. */
    static void publish(ProtoGraphBuilder graph, String tensor, int width) {
        graph.publish(tensor, TensorTypes.tensor("y", DataType.FLOAT, 1, width));
    }

    /** Writes the graph as a model declaring {@code opset} for the default domain. */
    static Path write(ProtoGraphBuilder graph, Path folder) throws IOException {
        return OnnxFixtures.write(OnnxFixtures.model(graph.build(), graph.opset()),
                folder.resolve("graph-" + graph.opset() + ".onnx"));
    }

    /** The output {@code y} for input {@code x} (and {@code mask} when not null). */
    static Output run(Path file, float[] x, long[] xShape, long[] mask) throws OrtException {
        try (OrtSession session = OrtSessions.open(file, 1);
                OnnxTensor xTensor = OnnxTensor.createTensor(OrtSessions.environment(), FloatBuffer.wrap(x), xShape);
                OnnxTensor maskTensor = mask == null ? null : OnnxTensor.createTensor(OrtSessions.environment(),
                        LongBuffer.wrap(mask), new long[] {1, mask.length})) {
            Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
            inputs.put("x", xTensor);
            if (maskTensor != null) {
                inputs.put("mask", maskTensor);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxTensor y = (OnnxTensor) result.get("y").orElseThrow();
                FloatBuffer values = y.getFloatBuffer();
                float[] flat = new float[values.remaining()];
                values.get(flat);
                return new Output(((TensorInfo) y.getInfo()).getShape(), flat);
            }
        }
    }

    /** Row-major flattening of {@code rows}. */
    static float[] flatten(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * rows[0].length, rows[0].length);
        }
        return flat;
    }

    private static Object[] boxed(long[] shape) {
        return Arrays.stream(shape).boxed().toArray();
    }

    /** A graph output: its shape and its values, flattened. */
    record Output(long[] shape, float[] values) {
    }
}
