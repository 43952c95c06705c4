package dev.modeldock.testkit.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.FunctionProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;

/**
 * Models that break a rule of the ONNX specification native code relies on, each a variation of
 * {@link SmallModels#featureRegressor()} (so that {@link SmallModels#FEATURE_REGRESSOR_METADATA}
 * fits it) breaking exactly one rule; and one that breaks none but makes ONNX Runtime exhaust
 * memory ({@link #hugeFoldedConstant}).
 *
 * <p><b>Never load one in ONNX Runtime inside a test JVM</b>: {@link #selfRecursiveFunction} and
 * {@link #mutuallyRecursiveFunctions} make it crash the whole process (a segfault, exit 139), and
 * {@link #weightsOfUnknownType} with {@code Integer.MIN_VALUE} and {@link #sparseInitializerOutOfRange}
 * make it abort (exit 134).
 */
public final class HostileModels {
    /** The domain of the model-local functions here. */
    public static final String DOMAIN = "local.hostile";

    /** The regressor's weights: FLOAT [4, 1], 16 bytes. */
    private static final String WEIGHTS = "fixture/w";

    private HostileModels() {
    }

    /** The regressor whose output passes through a local function {@code Recurse} whose body calls {@code Recurse}. */
    public static ModelProto selfRecursiveFunction() {
        return callingFunctions("Recurse", function("Recurse", "Recurse"));
    }

    /** The regressor calling local function {@code Ping}, which calls {@code Pong}, which calls {@code Ping}. */
    public static ModelProto mutuallyRecursiveFunctions() {
        return callingFunctions("Ping", function("Ping", "Pong"), function("Pong", "Ping"));
    }

    /** The regressor calling local function {@code Outer}, which calls {@code Inner}, which calls Identity: no cycle. */
    public static ModelProto nestedFunctionsWithoutRecursion() {
        return callingFunctions("Outer", function("Outer", "Inner"), function("Inner", "Identity"));
    }

    /**
     * A model within every rule, {@link SmallModels#featureRegressor()}'s signature (so that
     * {@link SmallModels#FEATURE_REGRESSOR_METADATA} fits it) and a few hundred bytes, whose
     * prediction adds zero times the sum of a FLOAT [{@code megabytes} × 256, 1024] ConstantOfShape:
     * ONNX Runtime folds that constant when it creates the session, allocating {@code megabytes} MiB
     * of native memory (and about as much again to sum it).
     */
    public static ModelProto hugeFoldedConstant(long megabytes) {
        OnnxGraph graph = new OnnxGraph("regressor").input(OnnxGraph.tensor("features", DataType.FLOAT,
                SmallModels.BATCH, 4));
        String prediction = graph.node("MatMul", "features", graph.constant("w", new float[] {1, 2, 3, 4}, 4, 1));
        String shape = graph.constant("shape", new long[] {megabytes * 256, 1024}, 2);
        TensorProto one = TensorProto.newBuilder().setDataType(DataType.FLOAT_VALUE).addDims(1).addFloatData(1f)
                .build();
        String huge = graph.node("ConstantOfShape", List.of(shape), Map.of("value", one));
        String sum = graph.node("ReduceSum", List.of(huge), Map.of("keepdims", 0L));
        String nothing = graph.node("Mul", sum, graph.constant("zero", new float[] {0f}, 1));
        graph.output(graph.node("Add", prediction, nothing), OnnxGraph.tensor("prediction", DataType.FLOAT,
                SmallModels.BATCH, 1));
        return OnnxFixtures.model(graph.build());
    }

    /** The regressor with its weights twice, under one name. */
    public static ModelProto duplicateInitializerNames() {
        ModelProto model = SmallModels.featureRegressor();
        GraphProto graph = model.getGraph();
        return model.toBuilder().setGraph(graph.toBuilder().addInitializer(graph.getInitializer(0))).build();
    }

    /** The regressor with a second node assigning the MatMul's output name again. */
    public static ModelProto nodeOutputAssignedTwice() {
        ModelProto model = SmallModels.featureRegressor();
        GraphProto graph = model.getGraph();
        NodeProto matMul = graph.getNode(0);
        NodeProto again = matMul.toBuilder().setName(matMul.getName() + "_again").build();
        return model.toBuilder().setGraph(graph.toBuilder().addNode(1, again)).build();
    }

    /** The regressor with two graph inputs named {@code features}. */
    public static ModelProto duplicateInputNames() {
        ModelProto model = SmallModels.featureRegressor();
        GraphProto graph = model.getGraph();
        return model.toBuilder().setGraph(graph.toBuilder().addInput(graph.getInput(0))).build();
    }

    /** The regressor with its FLOAT [4, 1] weights (16 bytes) as raw_data of {@code bytes} bytes. */
    public static ModelProto weightsAsRawData(int bytes) {
        return withWeights(weights().clearFloatData().setRawData(ByteString.copyFrom(new byte[bytes])).build());
    }

    /**
     * The regressor with its weights' data_type set to {@code dataType}, a number no ONNX type has
     * (0 is UNDEFINED). With {@link Integer#MIN_VALUE}, ONNX Runtime 1.23 aborts the whole process
     * (exit 134) loading it, where other unknown numbers are an error it reports.
     */
    public static ModelProto weightsOfUnknownType(int dataType) {
        return withWeights(weights().setDataType(dataType).build());
    }

    /**
     * The regressor with a sparse initializer of two values whose indices lie past its dense shape
     * [4]: ONNX Runtime, expanding it while loading, corrupts its heap and aborts the process.
     */
    public static ModelProto sparseInitializerOutOfRange() {
        TensorProto values = TensorProto.newBuilder().setName("sparse").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(2).addFloatData(1).addFloatData(2).build();
        TensorProto indices = TensorProto.newBuilder().setName("sparse_indices")
                .setDataType(TensorProto.DataType.INT64_VALUE).addDims(2).addInt64Data(1L << 40).addInt64Data(1L << 31)
                .build();
        ModelProto model = SmallModels.featureRegressor();
        return model.toBuilder().setGraph(model.getGraph().toBuilder().addSparseInitializer(
                SparseTensorProto.newBuilder().setValues(values).setIndices(indices).addDims(4))).build();
    }

    /**
     * The regressor whose first node carries a graph attribute named {@code name} (and whose graph
     * is named so), the subgraph declaring input {@code x} twice; a name such as {@code %s} once
     * made the server's structure check fail with a formatting error instead of naming the rule.
     */
    public static ModelProto duplicateInputInASubgraphNamed(String name) {
        ModelProto model = SmallModels.featureRegressor();
        AttributeProto.Builder body = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.GRAPH).setG(GraphProto.newBuilder().setName(name)
                        .addInput(model.getGraph().getInput(0).toBuilder().setName("x"))
                        .addInput(model.getGraph().getInput(0).toBuilder().setName("x")));
        GraphProto.Builder graph = model.getGraph().toBuilder();
        graph.getNodeBuilder(0).addAttribute(body);
        return model.toBuilder().setGraph(graph).build();
    }

    /** The regressor with a weights tensor declaring dims [4, -1] and 16 bytes of raw_data. */
    public static ModelProto negativeDimension() {
        return withWeights(weights().clearFloatData().setDims(1, -1).setRawData(ByteString.copyFrom(new byte[16]))
                .build());
    }

    /** The regressor with weights declaring 2^20 × 2^20 × 2^20 elements (the product overflows no long, but no file holds it). */
    public static ModelProto absurdDimensions() {
        return withWeights(weights().clearFloatData().clearDims().addDims(1L << 20).addDims(1L << 20)
                .addDims(1L << 20).setRawData(ByteString.copyFrom(new byte[16])).build());
    }

    /**
     * The regressor calling local function {@code Shift}, whose body adds a Constant whose value
     * lives in an external data file.
     */
    public static ModelProto externalDataInAFunction() {
        TensorProto external = TensorProto.newBuilder().setName("shift").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(1).setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("/etc/passwd"))
                .build();
        FunctionProto shift = FunctionProto.newBuilder().setDomain(DOMAIN).setName("Shift").addInput("x")
                .addOutput("y").addOpsetImport(opset("", SmallModels.OPSET))
                .addNode(NodeProto.newBuilder().setOpType("Constant").addOutput("c").addAttribute(AttributeProto
                        .newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR).setT(external)))
                .addNode(OnnxFixtures.node("Add", "add", List.of("x", "c"), List.of("y"))).build();
        return callingFunctions("Shift", shift);
    }

    /** A function of {@link #DOMAIN} {@code name}(x) → y whose one node calls {@code callee} (of that domain unless Identity). */
    private static FunctionProto function(String name, String callee) {
        return FunctionProto.newBuilder().setDomain(DOMAIN).setName(name).addInput("x").addOutput("y")
                .addOpsetImport(opset("", SmallModels.OPSET)).addOpsetImport(opset(DOMAIN, 1))
                .addNode(NodeProto.newBuilder().setName(name + "_calls_" + callee).setOpType(callee)
                        .setDomain(callee.equals("Identity") ? "" : DOMAIN).addInput("x").addOutput("y"))
                .build();
    }

    /** The regressor whose final Identity node is replaced by a call of local function {@code entry}. */
    private static ModelProto callingFunctions(String entry, FunctionProto... functions) {
        ModelProto model = SmallModels.featureRegressor();
        GraphProto.Builder graph = model.getGraph().toBuilder();
        int last = graph.getNodeCount() - 1;
        graph.setNode(last, graph.getNode(last).toBuilder().setOpType(entry).setDomain(DOMAIN));
        return model.toBuilder().setGraph(graph).addOpsetImport(opset(DOMAIN, 1)).addAllFunctions(List.of(functions))
                .build();
    }

    private static TensorProto.Builder weights() {
        TensorProto weights = SmallModels.featureRegressor().getGraph().getInitializer(0);
        if (!weights.getName().equals(WEIGHTS)) {
            throw new IllegalStateException("the regressor's weights are now " + weights.getName());
        }
        return weights.toBuilder();
    }

    private static ModelProto withWeights(TensorProto weights) {
        ModelProto model = SmallModels.featureRegressor();
        return model.toBuilder().setGraph(model.getGraph().toBuilder().setInitializer(0, weights)).build();
    }

    private static OperatorSetIdProto opset(String domain, int version) {
        return OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(version).build();
    }
}
