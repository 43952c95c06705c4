package dev.modeldock.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.FunctionProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import dev.modeldock.testkit.onnx.HostileModels;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.SmallModels;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The structural rules a model from outside must keep before native code sees it, applied alike on
 * the structure (weights skipped, sizes counted as they are skipped) and on the whole model. No
 * model here is ever given to ONNX Runtime: the recursive ones crash it, and the JVM with it.
 */
class ModelChecksTest {
    @TempDir
    Path dir;

    /** Both checked readers refuse the model with the same rule and message; returns the refusal. */
    private ModelStructureException refused(ModelProto model, ModelChecks.Rule rule, String... mentions)
            throws Exception {
        Path file = OnnxFixtures.write(model, dir.resolve("m" + System.nanoTime() + ".onnx"));
        List<Function<Path, ModelProto>> readers = List.of(OnnxModels::readStructureChecked, OnnxModels::readChecked);
        ModelStructureException first = null;
        for (Function<Path, ModelProto> reader : readers) {
            ModelStructureException e = assertThrows(ModelStructureException.class, () -> reader.apply(file));
            assertEquals(rule, e.rule(), e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()), "file not named: " + e.getMessage());
            assertTrue(e.getMessage().contains("'" + rule.id() + "'"), "rule not named: " + e.getMessage());
            for (String mention : mentions) {
                assertTrue(e.getMessage().contains(mention), mention + " not named: " + e.getMessage());
            }
            assertTrue(!e.fix().isBlank() && e.getMessage().contains(e.fix()), "no fix: " + e.getMessage());
            if (first != null) {
                assertEquals(first.getMessage(), e.getMessage(), "structure and whole model refused alike");
            }
            first = e;
        }
        return first;
    }

    private void accepted(ModelProto model) throws Exception {
        Path file = OnnxFixtures.write(model, dir.resolve("ok" + System.nanoTime() + ".onnx"));
        OnnxModels.readStructureChecked(file);
        OnnxModels.readChecked(file);
    }

    @Test
    void theTestKitsModelsAreAccepted() throws Exception {
        accepted(SmallModels.featureRegressor());
        accepted(SmallModels.irisClassifier());
        accepted(SmallModels.clusterer());
        accepted(SmallModels.embedder("embedding"));
        accepted(HostileModels.weightsAsRawData(16));
    }

    @Test
    void aFunctionCallingAnotherWithoutACycleIsAccepted() throws Exception {
        accepted(HostileModels.nestedFunctionsWithoutRecursion());
    }

    @Test
    void aFunctionThatCallsItselfIsRefusedNamingIt() throws Exception {
        ModelStructureException e = refused(HostileModels.selfRecursiveFunction(), ModelChecks.Rule.RECURSIVE_FUNCTION,
                "'local.hostile:Recurse'", "calls itself");
        assertEquals("function 'local.hostile:Recurse'", e.element());
    }

    @Test
    void functionsCallingEachOtherInACycleAreRefusedWithTheChain() throws Exception {
        refused(HostileModels.mutuallyRecursiveFunctions(), ModelChecks.Rule.RECURSIVE_FUNCTION,
                "'local.hostile:Ping' -> 'local.hostile:Pong' -> 'local.hostile:Ping'");
    }

    @Test
    void aRecursiveCallInsideASubgraphOfAFunctionIsRefusedToo() throws Exception {
        ModelProto model = HostileModels.nestedFunctionsWithoutRecursion();
        FunctionProto inner = model.getFunctions(1);
        // Inner: If(cond) { then: Outer(x) } else { Identity(x) } — the call hides in a branch.
        GraphProto thenBranch = GraphProto.newBuilder().setName("then")
                .addNode(inner.getNode(0).toBuilder().setOpType("Outer").setDomain(HostileModels.DOMAIN)
                        .setOutput(0, "t"))
                .addOutput(OnnxGraphs.untyped("t")).build();
        GraphProto elseBranch = GraphProto.newBuilder().setName("else")
                .addNode(OnnxFixtures.node("Identity", "id", List.of("x"), List.of("e")))
                .addOutput(OnnxGraphs.untyped("e")).build();
        FunctionProto branching = inner.toBuilder().clearNode()
                .addNode(OnnxFixtures.node("Constant", "cond", List.of(), List.of("c")))
                .addNode(OnnxFixtures.node("If", "if", List.of("c"), List.of("y")).toBuilder()
                        .addAttribute(OnnxFixtures.graphAttribute("then_branch", thenBranch))
                        .addAttribute(OnnxFixtures.graphAttribute("else_branch", elseBranch)))
                .build();
        refused(model.toBuilder().setFunctions(1, branching).build(), ModelChecks.Rule.RECURSIVE_FUNCTION,
                "'local.hostile:Outer' -> 'local.hostile:Inner' -> 'local.hostile:Outer'");
    }

    @Test
    void aCycleThroughTwentyThousandFunctionsIsFoundWithoutExhaustingTheStack() throws Exception {
        ModelProto model = HostileModels.nestedFunctionsWithoutRecursion();
        FunctionProto template = model.getFunctions(0); // Outer, calling Inner
        ModelProto.Builder chain = model.toBuilder().clearFunctions();
        int length = 20_000;
        for (int i = 0; i < length; i++) {
            String name = i == 0 ? "Outer" : "F" + i;
            String callee = i == length - 1 ? "Outer" : "F" + (i + 1);
            chain.addFunctions(template.toBuilder().setName(name)
                    .setNode(0, template.getNode(0).toBuilder().setName(name + "_calls_" + callee).setOpType(callee)));
        }
        ModelStructureException e = refused(chain.build(), ModelChecks.Rule.RECURSIVE_FUNCTION, "(19991 more)",
                "F19999' -> 'local.hostile:Outer')");
        assertTrue(e.getMessage().length() < 2_000, "the chain is shortened: " + e.getMessage().length());
    }

    @Test
    void twoFunctionsWithOneNameAreRefused() throws Exception {
        ModelProto model = HostileModels.nestedFunctionsWithoutRecursion();
        refused(model.toBuilder().addFunctions(model.getFunctions(1)).build(), ModelChecks.Rule.DUPLICATE_NAME,
                "function 'local.hostile:Inner'");
    }

    @Test
    void twoInitializersWithOneNameAreRefused() throws Exception {
        refused(HostileModels.duplicateInitializerNames(), ModelChecks.Rule.DUPLICATE_NAME,
                "initializer 'fixture/w'", "two initializers");
    }

    @Test
    void aNameAssignedByTwoNodesIsRefused() throws Exception {
        refused(HostileModels.nodeOutputAssignedTwice(), ModelChecks.Rule.DUPLICATE_NAME,
                "output 'fixture/MatMul'", "assigned once");
    }

    @Test
    void twoGraphInputsWithOneNameAreRefused() throws Exception {
        refused(HostileModels.duplicateInputNames(), ModelChecks.Rule.DUPLICATE_NAME, "input 'features'");
    }

    /** Found by the upload fuzz test: ONNX Runtime aborted the server's process on Integer.MIN_VALUE. */
    @Test
    void aStoredTensorOfNoKnownElementTypeIsRefused() throws Exception {
        refused(HostileModels.weightsOfUnknownType(Integer.MIN_VALUE), ModelChecks.Rule.TENSOR_DATA_TYPE,
                "tensor 'fixture/w'", "data_type -2147483648");
        refused(HostileModels.weightsOfUnknownType(0), ModelChecks.Rule.TENSOR_DATA_TYPE, "UNDEFINED");
        refused(HostileModels.weightsOfUnknownType(99), ModelChecks.Rule.TENSOR_DATA_TYPE, "data_type 99");
    }

    /** Found by the upload fuzz test: a name holding '%s' made the check fail with a formatting error. */
    @Test
    void namesHoldingFormatSpecifiersAreNamedAsTheyAre() throws Exception {
        refused(HostileModels.duplicateInputInASubgraphNamed("body%s%n"), ModelChecks.Rule.DUPLICATE_NAME,
                "input 'x' of subgraph 'body%s%n' (attribute body%s%n of node");
    }

    /** Found by the upload fuzz test: ONNX Runtime aborted the server's process expanding it. */
    @Test
    void aSparseInitializerIsRefused() throws Exception {
        refused(HostileModels.sparseInitializerOutOfRange(), ModelChecks.Rule.SPARSE_TENSOR,
                "sparse tensor 'sparse'", "graph");
    }

    @Test
    void rawDataShorterThanTheShapeIsRefusedWithBothSizes() throws Exception {
        refused(HostileModels.weightsAsRawData(12), ModelChecks.Rule.TENSOR_DATA_SIZE, "tensor 'fixture/w'",
                "[4, 1]", "16 bytes", "holds 12 bytes");
    }

    @Test
    void rawDataLongerThanTheShapeIsRefusedWithBothSizes() throws Exception {
        refused(HostileModels.weightsAsRawData(20), ModelChecks.Rule.TENSOR_DATA_SIZE, "16 bytes", "holds 20 bytes");
    }

    @Test
    void typedValuesFewerThanTheShapeAreRefused() throws Exception {
        ModelProto model = SmallModels.featureRegressor();
        TensorProto weights = model.getGraph().getInitializer(0);
        TensorProto short3 = weights.toBuilder().clearFloatData()
                .addAllFloatData(weights.getFloatDataList().subList(0, 3)).build();
        refused(model.toBuilder().setGraph(model.getGraph().toBuilder().setInitializer(0, short3)).build(),
                ModelChecks.Rule.TENSOR_DATA_SIZE, "4 entries of float_data", "holds 3");
    }

    @Test
    void valuesInAFieldOfAnotherTypeAreRefused() throws Exception {
        ModelProto model = SmallModels.featureRegressor();
        TensorProto asInt64 = model.getGraph().getInitializer(0).toBuilder().clearFloatData()
                .addAllInt64Data(List.of(1L, 2L, 3L, 4L)).build();
        refused(model.toBuilder().setGraph(model.getGraph().toBuilder().setInitializer(0, asInt64)).build(),
                ModelChecks.Rule.TENSOR_DATA_SIZE, "FLOAT values in int64_data");
    }

    @Test
    void valuesInTwoFieldsAreRefused() throws Exception {
        ModelProto model = SmallModels.featureRegressor();
        TensorProto both = model.getGraph().getInitializer(0).toBuilder()
                .setRawData(ByteString.copyFrom(new byte[16])).build();
        refused(model.toBuilder().setGraph(model.getGraph().toBuilder().setInitializer(0, both)).build(),
                ModelChecks.Rule.TENSOR_DATA_SIZE, "more than one field");
    }

    @Test
    void aTensorDeclaringElementsButHoldingNoneIsRefused() throws Exception {
        ModelProto model = SmallModels.featureRegressor();
        TensorProto empty = model.getGraph().getInitializer(0).toBuilder().clearFloatData().build();
        refused(model.toBuilder().setGraph(model.getGraph().toBuilder().setInitializer(0, empty)).build(),
                ModelChecks.Rule.TENSOR_DATA_SIZE, "holds no values");
    }

    @Test
    void aTensorSplitOverTwoOccurrencesOfItsFieldIsCheckedAsProtobufMergesIt() throws Exception {
        // A Constant whose value attribute occurs twice: protobuf merges the two into one tensor of
        // dims [2] holding 4 floats. Each half alone (dims [2], 2 floats) would look right.
        AttributeProto first = AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                .setT(OnnxFixtures.floats("c", new float[] {1, 2}, 2)).build();
        AttributeProto second = AttributeProto.newBuilder()
                .setT(TensorProto.newBuilder().addFloatData(3).addFloatData(4)).build();
        NodeProto constant = OnnxFixtures.node("Constant", "split", List.of(), List.of("split_value"));
        ByteString.Output node = ByteString.newOutput();
        CodedOutputStream out = CodedOutputStream.newInstance(node);
        constant.writeTo(out);
        out.writeByteArray(NodeProto.ATTRIBUTE_FIELD_NUMBER, first.toByteString().concat(second.toByteString())
                .toByteArray());
        out.flush();
        ByteString.Output graph = ByteString.newOutput();
        out = CodedOutputStream.newInstance(graph);
        out.writeBytes(GraphProto.NODE_FIELD_NUMBER, node.toByteString());
        out.flush();
        ByteString.Output file = ByteString.newOutput();
        out = CodedOutputStream.newInstance(file);
        SmallModels.featureRegressor().writeTo(out);
        out.writeBytes(ModelProto.GRAPH_FIELD_NUMBER, graph.toByteString()); // merges into the graph
        out.flush();
        ModelProto merged = ModelProto.parseFrom(file.toByteString());
        assertEquals(4, merged.getGraph().getNode(merged.getGraph().getNodeCount() - 1).getAttribute(0).getT()
                .getFloatDataCount(), "the fixture merges as intended");
        refused(merged, ModelChecks.Rule.TENSOR_DATA_SIZE, "tensor 'c'", "holds 4");
        Path split = dir.resolve("split.onnx");
        java.nio.file.Files.write(split, file.toByteString().toByteArray());
        ModelStructureException e = assertThrows(ModelStructureException.class,
                () -> OnnxModels.readStructureChecked(split));
        assertTrue(e.getMessage().contains("holds 4"), e.getMessage());
        e = assertThrows(ModelStructureException.class, () -> OnnxModels.readChecked(split));
        assertTrue(e.getMessage().contains("holds 4"), e.getMessage());
    }

    @Test
    void aNegativeDimensionIsRefused() throws Exception {
        refused(HostileModels.negativeDimension(), ModelChecks.Rule.NEGATIVE_DIMENSION, "tensor 'fixture/w'",
                "is -1");
    }

    @Test
    void dimensionsDeclaringMoreElementsThanAnyFileHoldsAreRefused() throws Exception {
        refused(HostileModels.absurdDimensions(), ModelChecks.Rule.ABSURD_DIMENSIONS, "tensor 'fixture/w'",
                "more than " + ModelChecks.MAX_ELEMENTS);
    }

    @Test
    void dimensionsWhoseProductOverflowsALongAreRefused() throws Exception {
        ModelProto model = SmallModels.featureRegressor();
        TensorProto overflowing = model.getGraph().getInitializer(0).toBuilder().clearDims()
                .addAllDims(List.of(1L << 40, 1L << 40, 16L)).build();
        refused(model.toBuilder().setGraph(model.getGraph().toBuilder().setInitializer(0, overflowing)).build(),
                ModelChecks.Rule.ABSURD_DIMENSIONS);
    }

    @Test
    void aDeclaredInputWithAnAbsurdStaticDimensionIsRefused() throws Exception {
        ModelProto model = SmallModels.featureRegressor();
        GraphProto graph = model.getGraph().toBuilder()
                .setInput(0, OnnxGraphs.floats("features", Long.MAX_VALUE / 2, 4)).build();
        refused(model.toBuilder().setGraph(graph).build(), ModelChecks.Rule.ABSURD_DIMENSIONS, "value 'features'");
    }

    @Test
    void externalDataInsideAFunctionIsRefused() throws Exception {
        refused(HostileModels.externalDataInAFunction(), ModelChecks.Rule.EXTERNAL_DATA, "tensor 'shift'",
                "function 'local.hostile:Shift'", "external data");
    }

    @Test
    void theUncheckedReadersStillReadWhatTheyReadBefore() throws Exception {
        // readStructure and read are readers: a hostile but parseable model reads (it is never run).
        Path file = OnnxFixtures.write(HostileModels.selfRecursiveFunction(), dir.resolve("recursive.onnx"));
        assertEquals(1, OnnxModels.readStructure(file).getFunctionsCount());
        assertEquals(1, OnnxModels.read(file).getFunctionsCount());
    }

    /** Small value declarations the test kit has no builder for. */
    private static final class OnnxGraphs {
        static ai.onnx.proto.OnnxMl.ValueInfoProto untyped(String name) {
            return ai.onnx.proto.OnnxMl.ValueInfoProto.newBuilder().setName(name).build();
        }

        static ai.onnx.proto.OnnxMl.ValueInfoProto floats(String name, Object... dims) {
            return TensorTypes.tensor(name, DataType.FLOAT, dims);
        }
    }
}
