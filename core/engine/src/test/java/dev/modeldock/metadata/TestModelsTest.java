package dev.modeldock.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.onnx.TensorSpec;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.runtime.OrtSessions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fixtures are real models: ONNX Runtime loads each one and, run on a batch, returns outputs
 * of exactly the element types and shapes their signatures declare.
 */
class TestModelsTest {
    private static final int ROWS = 2;

    @TempDir
    static Path dir;

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("classifier without labels", TestModels.classifier("probabilities", TestModels.Label.NONE)),
                Arguments.of("classifier with string labels", TestModels.classifier("probabilities", TestModels.Label.STRINGS)),
                Arguments.of("classifier with integer labels", TestModels.classifier("probabilities", TestModels.Label.INTEGERS)),
                Arguments.of("classifier with float labels", TestModels.classifier("probabilities", TestModels.Label.FLOATS)),
                Arguments.of("classifier with 4 labels", TestModels.classifier("probabilities", TestModels.Label.FOUR_STRINGS)),
                Arguments.of("classifier with predicted labels", TestModels.classifier("probabilities", TestModels.Label.PREDICTED_INT32)),
                Arguments.of("classifier with string probabilities", TestModels.stringProbabilityClassifier()),
                Arguments.of("regressor", TestModels.regressor("variable")),
                Arguments.of("regressor with two inputs", TestModels.regressor("y", TestModels.inputs("age", 1, "features", 4))),
                Arguments.of("clusterer", TestModels.clusterer()),
                Arguments.of("clusterer of unequal outputs", TestModels.clusterer("distances", 3, "probabilities", 2)),
                Arguments.of("embedder [batch, 1]", TestModels.embedder("embedding")),
                Arguments.of("embedder [1] to [batch, 384]", TestModels.embedder(
                        List.of(TensorTypes.tensor("input", DataType.STRING, 1)), "embedding", DataType.FLOAT, "batch", 384)),
                Arguments.of("embedder of INT8", TestModels.embedder(
                        List.of(TensorTypes.tensor("input", DataType.STRING, "batch", 1)), "e", DataType.INT8, "batch", 8)),
                Arguments.of("embedder of [batch]", TestModels.embedder(
                        List.of(TensorTypes.tensor("input", DataType.STRING, "batch", 1)), "e", DataType.FLOAT, "batch")),
                Arguments.of("embedder of [batch, 2, 4]", TestModels.embedder(
                        List.of(TensorTypes.tensor("input", DataType.STRING, "batch", 1)), "e", DataType.FLOAT, "batch", 2, 4)),
                Arguments.of("embedder of two inputs", TestModels.embedder(List.of(
                        TensorTypes.tensor("title", DataType.STRING, "batch", 1),
                        TensorTypes.tensor("body", DataType.STRING, "batch", 2)), "e", DataType.DOUBLE, "batch", 8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureLoadsInOnnxRuntimeAndProducesItsDeclaredOutputs(String description, ModelProto model) throws Exception {
        Path file = TestModels.write(model, dir);
        ModelSignature signature = ModelSignature.of(OnnxModels.read(file));
        OrtEnvironment environment = OrtSessions.environment();
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try (OrtSession session = OrtSessions.open(file, 1)) {
            assertEquals(signature.inputs().stream().map(TensorSpec::name).toList(), List.copyOf(session.getInputNames()));
            for (TensorSpec input : signature.inputs()) {
                inputs.put(input.name(), input(environment, input));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                for (TensorSpec output : signature.outputs()) {
                    OnnxValue value = result.get(output.name()).orElseThrow();
                    TensorInfo info = (TensorInfo) value.getInfo();
                    long rows = inputRows(signature);
                    long[] expected = output.dims().stream().mapToLong(d -> d == null ? rows : d).toArray();
                    assertArrayEquals(expected, info.getShape(), output.name() + " of " + description);
                    assertEquals(javaType(output.type()), info.type, output.name() + " of " + description);
                    assertNotNull(value.getValue());
                }
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Rows the outputs have: ROWS, or 1 when an input has a fixed first dimension of 1. */
    private static long inputRows(ModelSignature signature) {
        return signature.inputs().stream().anyMatch(t -> t.dims().get(0) != null) ? 1 : ROWS;
    }

    private static OnnxTensor input(OrtEnvironment environment, TensorSpec spec) throws Exception {
        long[] shape = spec.dims().stream().mapToLong(d -> d == null ? ROWS : d).toArray();
        int count = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (spec.type() == DataType.STRING) {
            String[] texts = new String[count];
            Arrays.fill(texts, "a short text");
            return OnnxTensor.createTensor(environment, texts, shape);
        }
        float[] values = new float[count];
        Arrays.fill(values, 0.5f);
        return OnnxTensor.createTensor(environment, java.nio.FloatBuffer.wrap(values), shape);
    }

    private static OnnxJavaType javaType(DataType type) {
        return switch (type) {
            case FLOAT -> OnnxJavaType.FLOAT;
            case DOUBLE -> OnnxJavaType.DOUBLE;
            case INT8 -> OnnxJavaType.INT8;
            case INT32 -> OnnxJavaType.INT32;
            case INT64 -> OnnxJavaType.INT64;
            case STRING -> OnnxJavaType.STRING;
            default -> throw new IllegalArgumentException(type.name());
        };
    }
}
