package dev.modeldock.testkit.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
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
 * of exactly the element types and shapes their graphs declare.
 */
class SmallModelsTest {
    private static final int ROWS = 2;

    @TempDir
    static Path dir;

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("classifier without labels", SmallModels.classifier("probabilities", SmallModels.Label.NONE)),
                Arguments.of("classifier with string labels", SmallModels.classifier("probabilities", SmallModels.Label.STRINGS)),
                Arguments.of("classifier with integer labels", SmallModels.classifier("probabilities", SmallModels.Label.INTEGERS)),
                Arguments.of("classifier with float labels", SmallModels.classifier("probabilities", SmallModels.Label.FLOATS)),
                Arguments.of("classifier with 4 labels", SmallModels.classifier("probabilities", SmallModels.Label.FOUR_STRINGS)),
                Arguments.of("classifier with predicted labels", SmallModels.classifier("probabilities", SmallModels.Label.PREDICTED_INT32)),
                Arguments.of("classifier with string probabilities", SmallModels.stringProbabilityClassifier()),
                Arguments.of("iris classifier", SmallModels.irisClassifier()),
                Arguments.of("regressor", SmallModels.regressor("variable")),
                Arguments.of("regressor with two inputs", SmallModels.regressor("y", SmallModels.inputs("age", 1, "features", 4))),
                Arguments.of("feature regressor", SmallModels.featureRegressor()),
                Arguments.of("clusterer", SmallModels.clusterer()),
                Arguments.of("clusterer of unequal outputs", SmallModels.clusterer("distances", 3, "probabilities", 2)),
                Arguments.of("embedder [batch, 1]", SmallModels.embedder("embedding")),
                Arguments.of("embedder [1] to [batch, 384]", SmallModels.embedder(
                        List.of(OnnxGraph.tensor("input", DataType.STRING, 1)), "embedding", DataType.FLOAT, "batch", 384)),
                Arguments.of("embedder of INT8", SmallModels.embedder(
                        List.of(OnnxGraph.tensor("input", DataType.STRING, "batch", 1)), "e", DataType.INT8, "batch", 8)),
                Arguments.of("embedder of [batch]", SmallModels.embedder(
                        List.of(OnnxGraph.tensor("input", DataType.STRING, "batch", 1)), "e", DataType.FLOAT, "batch")),
                Arguments.of("embedder of [batch, 2, 4]", SmallModels.embedder(
                        List.of(OnnxGraph.tensor("input", DataType.STRING, "batch", 1)), "e", DataType.FLOAT, "batch", 2, 4)),
                Arguments.of("embedder of two inputs", SmallModels.embedder(List.of(
                        OnnxGraph.tensor("title", DataType.STRING, "batch", 1),
                        OnnxGraph.tensor("body", DataType.STRING, "batch", 2)), "e", DataType.DOUBLE, "batch", 8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureLoadsInOnnxRuntimeAndProducesItsDeclaredOutputs(String description, ModelProto model) throws Exception {
        Path file = OnnxFixtures.writeInto(model, dir);
        List<ValueInfoProto> declaredInputs = model.getGraph().getInputList();
        OrtEnvironment environment = OnnxFixtures.environment();
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try (OrtSession session = OnnxFixtures.open(file)) {
            assertEquals(declaredInputs.stream().map(ValueInfoProto::getName).toList(),
                    List.copyOf(session.getInputNames()));
            for (ValueInfoProto input : declaredInputs) {
                inputs.put(input.getName(), input(environment, input));
            }
            long rows = inputRows(declaredInputs);
            try (OrtSession.Result result = session.run(inputs)) {
                for (ValueInfoProto output : model.getGraph().getOutputList()) {
                    OnnxValue value = result.get(output.getName()).orElseThrow();
                    TensorInfo info = (TensorInfo) value.getInfo();
                    long[] expected = dims(output).stream().mapToLong(d -> d == null ? rows : d).toArray();
                    assertArrayEquals(expected, info.getShape(), output.getName() + " of " + description);
                    assertEquals(javaType(output), info.type, output.getName() + " of " + description);
                    assertNotNull(value.getValue());
                }
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Rows the outputs have: ROWS, or 1 when an input has a fixed first dimension of 1. */
    private static long inputRows(List<ValueInfoProto> inputs) {
        return inputs.stream().anyMatch(t -> dims(t).get(0) != null) ? 1 : ROWS;
    }

    /** The declared dimensions, null for a variable one. */
    private static List<Long> dims(ValueInfoProto value) {
        return value.getType().getTensorType().getShape().getDimList().stream()
                .map(d -> d.getValueCase() == TensorShapeProto.Dimension.ValueCase.DIM_VALUE ? d.getDimValue() : null)
                .toList();
    }

    private static OnnxTensor input(OrtEnvironment environment, ValueInfoProto spec) throws Exception {
        long[] shape = dims(spec).stream().mapToLong(d -> d == null ? ROWS : d).toArray();
        int count = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (spec.getType().getTensorType().getElemType() == DataType.STRING_VALUE) {
            String[] texts = new String[count];
            Arrays.fill(texts, "a short text");
            return OnnxTensor.createTensor(environment, texts, shape);
        }
        float[] values = new float[count];
        Arrays.fill(values, 0.5f);
        return OnnxTensor.createTensor(environment, java.nio.FloatBuffer.wrap(values), shape);
    }

    private static OnnxJavaType javaType(ValueInfoProto value) {
        DataType type = DataType.forNumber(value.getType().getTensorType().getElemType());
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
