package dev.modeldock.onnx;

import static dev.modeldock.testkit.onnx.OnnxFixtures.floats;
import static dev.modeldock.testkit.onnx.OnnxFixtures.graphAttribute;
import static dev.modeldock.testkit.onnx.OnnxFixtures.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.FunctionProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorAnnotation;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TrainingInfoProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.WireFormat;
import dev.modeldock.graph.ProtoGraphBuilder;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link OnnxModels#readStructure} gives what {@link OnnxModels#read} gives minus tensor values,
 * and refuses what it refuses with the same words.
 */
class StructureReaderTest {
    @TempDir
    Path dir;

    // ---- the same model, without values ----

    static Stream<ModelProto> models() {
        return Stream.of(OnnxFixtures.model(negGraph()), regressor(), everyPlaceATensorCanBe());
    }

    @ParameterizedTest
    @MethodSource("models")
    void theStructureIsTheWholeModelWithoutTensorValues(ModelProto model) throws Exception {
        Path file = write(model.toByteArray());
        ModelProto whole = OnnxModels.read(file);
        ModelProto structure = OnnxModels.readStructure(file);
        assertEquals(withoutValues(whole), structure);
        assertEquals(ModelSignature.of(whole), ModelSignature.of(structure));
    }

    @Test
    void noTensorKeepsItsValuesWhereverItIs() throws Exception {
        ModelProto structure = OnnxModels.readStructure(write(everyPlaceATensorCanBe().toByteArray()));
        List<TensorProto> tensors = tensorsIn(structure);
        assertTrue(tensors.size() >= 12, "tensors found: " + tensors.size());
        for (TensorProto tensor : tensors) {
            assertFalse(hasValues(tensor), tensor.getName() + " has values");
            assertTrue(tensor.getDimsCount() > 0, tensor.getName() + " lost its shape");
        }
    }

    @Test
    void aBigInitializerKeepsItsShapeAndTypeButNotItsBytes() throws Exception {
        byte[] megabytes = new byte[16 << 20];
        Arrays.fill(megabytes, (byte) 7);
        TensorProto big = TensorProto.newBuilder().setName("big").setDataType(DataType.FLOAT_VALUE)
                .addDims(megabytes.length / Float.BYTES).setRawData(ByteString.copyFrom(megabytes)).build();
        Path file = write(OnnxFixtures.model(negGraph().toBuilder().addInitializer(big).build()).toByteArray());

        TensorProto read = OnnxModels.readStructure(file).getGraph().getInitializerList().stream()
                .filter(t -> t.getName().equals("big")).findFirst().orElseThrow();
        assertEquals(big.toBuilder().clearRawData().build(), read);
        assertTrue(read.getRawData().isEmpty());
    }

    @Test
    void concatenatedModelsMergeAsProtobufMergesThem() throws Exception {
        byte[] first = regressor().toByteArray();
        byte[] second = OnnxFixtures.model(negGraph()).toByteArray();
        Path file = write(concat(first, second));
        assertSameOutcome(file);
        assertEquals(2, OnnxModels.readStructure(file).getOpsetImportCount(), "repeated fields append");
    }

    @Test
    void packedAndUnpackedEncodingsReadAlike() throws Exception {
        Path file = write(HandEncoded.model(HandEncoded.GOOD_FLOAT_VALUES));
        assertSameOutcome(file);
        TensorProto weights = OnnxModels.readStructure(file).getGraph().getInitializer(0);
        assertEquals(List.of(2L, 3L), weights.getDimsList());
        AttributeProto ints = OnnxModels.readStructure(file).getGraph().getNode(0).getAttribute(0);
        assertEquals(List.of(1L, 2L, 3L), ints.getIntsList());
        assertEquals(List.of(1.5f, 2.5f), ints.getFloatsList());
    }

    // ---- the same refusals ----

    @Test
    void aMissingFileIsRefusedAlike() {
        assertSameOutcome(dir.resolve("absent.onnx"), "does not exist");
    }

    @Test
    void aFolderIsRefusedAlike() {
        assertSameOutcome(dir, dir.toString());
    }

    @Test
    void bytesThatAreNotProtobufAreRefusedAlike() throws Exception {
        assertSameOutcome(write(new byte[] {0, 1, 2, 3}), "not a valid ONNX model");
    }

    @Test
    void aTextFileStartingWithTIsRefusedAlike() throws Exception {
        assertSameOutcome(write("this is a README, not a model\n".getBytes(StandardCharsets.UTF_8)),
                "not a valid ONNX model");
    }

    @Test
    void randomBytesAreRefusedAlike() throws Exception {
        byte[] noise = new byte[4096];
        new Random(20240601L).nextBytes(noise);
        assertSameOutcome(write(noise), "ONNX model");
    }

    @Test
    void anEmptyFileAndAGraphWithoutNodesAreRefusedAlike() throws Exception {
        assertSameOutcome(write(new byte[0]), "no graph nodes");
        assertSameOutcome(write(OnnxFixtures.model(GraphProto.newBuilder().setName("empty").build()).toByteArray()),
                "no graph nodes");
    }

    @Test
    void aFileCutInsideAValueItSkipsIsRefusedAlike() throws Exception {
        TensorProto last = TensorProto.newBuilder().setName("last").setDataType(DataType.UINT8_VALUE).addDims(1 << 20)
                .setRawData(ByteString.copyFrom(new byte[1 << 20])).build();
        byte[] whole = OnnxFixtures.model(negGraph().toBuilder().addInitializer(last).build()).toByteArray();
        assertSameOutcome(write(Arrays.copyOf(whole, whole.length - 1000)), "not a valid ONNX model");
        assertSameOutcome(write(Arrays.copyOf(whole, whole.length - 1)), "not a valid ONNX model");
    }

    @Test
    void packedValuesWithAnIncompleteLastNumberAreRefusedAlike() throws Exception {
        assertSameOutcome(write(HandEncoded.model(HandEncoded.SEVEN_BYTES_OF_FLOATS)), "not a valid ONNX model");
    }

    @Test
    void externalDataInTheMainGraphIsRefusedAlike() throws Exception {
        GraphProto graph = negGraph().toBuilder().addInitializer(external("encoder.weight")).build();
        assertSameOutcome(write(OnnxFixtures.model(graph).toByteArray()), "encoder.weight");
    }

    @Test
    void externalDataInASubgraphIsRefusedAlike() throws Exception {
        GraphProto branch = negGraph().toBuilder().setName("then").addInitializer(external("branch.weight")).build();
        GraphProto graph = negGraph().toBuilder().addNode(node("If", "if", List.of("c"), List.of("r")).toBuilder()
                .addAttribute(graphAttribute("then_branch", branch))).build();
        assertSameOutcome(write(OnnxFixtures.model(graph).toByteArray()), "branch.weight");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void nestingIsLimitedToTheSameDepth(boolean leafDeclaresAShapedOutput) throws Exception {
        Set<Boolean> outcomes = new HashSet<>();
        for (int levels = 24; levels <= 36; levels++) {
            Path file = write(OnnxFixtures.model(nestedIfs(levels, leafDeclaresAShapedOutput)).toByteArray());
            outcomes.add(assertSameOutcome(file).startsWith("refused"));
        }
        assertEquals(Set.of(false, true), outcomes, "the levels tried should cross protobuf's depth limit");
    }

    @Test
    void damagedCopiesOfAModelAreReadOrRefusedAlike() throws Exception {
        byte[] original = everyPlaceATensorCanBe().toByteArray();
        Random random = new Random(7L);
        Set<Boolean> outcomes = new HashSet<>();
        for (int i = 0; i < 600; i++) {
            byte[] damaged = original.clone();
            switch (i % 3) {
                case 0 -> damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                case 1 -> damaged = Arrays.copyOf(damaged, random.nextInt(damaged.length));
                default -> {
                    int at = random.nextInt(damaged.length);
                    damaged = concat(Arrays.copyOf(damaged, at), new byte[] {(byte) random.nextInt(256)},
                            Arrays.copyOfRange(original, at, original.length));
                }
            }
            outcomes.add(assertSameOutcome(write(damaged)).startsWith("refused"));
        }
        assertEquals(Set.of(false, true), outcomes, "damage should sometimes be harmless, sometimes fatal");
    }

    // ---- helpers ----

    /**
     * Both readers read {@code file} to equal models, values and unknown fields aside, or refuse it
     * with equal messages.
     */
    private static String assertSameOutcome(Path file) {
        String whole = outcome(file, path -> withoutValues(OnnxModels.read(path)));
        String structure = outcome(file, path -> {
            ModelProto model = OnnxModels.readStructure(path);
            tensorsIn(model).forEach(tensor -> assertFalse(hasValues(tensor), tensor.getName() + " has values"));
            // Small messages come whole from their generated parsers, unknown fields included; either is fine.
            return withoutValues(model);
        });
        assertEquals(whole, structure);
        return whole;
    }

    private static void assertSameOutcome(Path file, String refusalMentions) {
        String outcome = assertSameOutcome(file);
        assertTrue(outcome.startsWith("refused") && outcome.contains(refusalMentions), outcome);
    }

    private static String outcome(Path file, Function<Path, ModelProto> reader) {
        try {
            return "read " + reader.apply(file);
        } catch (ModelDockException e) {
            return "refused: " + e.getMessage();
        }
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("model.onnx"), bytes);
    }

    /** What readStructure promises: the message with no tensor values and no fields the schema does not know. */
    @SuppressWarnings("unchecked")
    static <T extends Message> T withoutValues(T message) {
        Message.Builder builder = message.toBuilder().setUnknownFields(UnknownFieldSet.getDefaultInstance());
        if (builder instanceof TensorProto.Builder tensor) {
            tensor.clearRawData().clearFloatData().clearInt32Data().clearStringData().clearInt64Data()
                    .clearDoubleData().clearUint64Data();
        }
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (field.isRepeated()) {
                for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
                    builder.setRepeatedField(field, i, withoutValues((Message) message.getRepeatedField(field, i)));
                }
            } else if (message.hasField(field)) {
                builder.setField(field, withoutValues((Message) message.getField(field)));
            }
        }
        return (T) builder.build();
    }

    private static boolean hasValues(TensorProto tensor) {
        return !tensor.getRawData().isEmpty() || tensor.getFloatDataCount() + tensor.getInt32DataCount()
                + tensor.getStringDataCount() + tensor.getInt64DataCount() + tensor.getDoubleDataCount()
                + tensor.getUint64DataCount() > 0;
    }

    /** Every TensorProto anywhere in {@code message}. */
    private static List<TensorProto> tensorsIn(Message message) {
        if (message instanceof TensorProto tensor) {
            return List.of(tensor);
        }
        return message.getAllFields().entrySet().stream()
                .filter(field -> field.getKey().getJavaType() == FieldDescriptor.JavaType.MESSAGE)
                .flatMap(field -> field.getKey().isRepeated() ? ((List<?>) field.getValue()).stream()
                        : Stream.of(field.getValue()))
                .flatMap(value -> tensorsIn((Message) value).stream()).toList();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(all::writeBytes);
        return all.toByteArray();
    }

    // ---- models ----

    private static GraphProto negGraph() {
        return GraphProto.newBuilder().setName("neg")
                .addInput(TensorTypes.tensor("x", DataType.FLOAT, 2))
                .addNode(node("Neg", "n", List.of("x"), List.of("y")))
                .addOutput(TensorTypes.tensor("y", DataType.FLOAT, 2))
                .addInitializer(floats("unused", new float[] {1f, 2f}, 2)).build();
    }

    /** float "input" [batch, 4] → MatMul with raw_data weights → "variable" [batch, 1]. */
    private static ModelProto regressor() {
        ProtoGraphBuilder graph = new ProtoGraphBuilder("regressor", 17);
        graph.addInput(TensorTypes.tensor("input", DataType.FLOAT, "batch", 4));
        String product = graph.node("MatMul", "input", graph.constant("w", new float[] {1, 2, 3, 4}, 4, 1));
        graph.publish(product, TensorTypes.tensor("variable", DataType.FLOAT, "batch", 1));
        return OnnxFixtures.model(graph.build());
    }

    private static TensorProto external(String name) {
        return TensorProto.newBuilder().setName(name).setDataType(DataType.FLOAT_VALUE).addDims(2)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("model.onnx_data"))
                .build();
    }

    /** A tensor with values in every value field, and every other field set. */
    private static TensorProto valued(String name) {
        return TensorProto.newBuilder().setName(name).setDataType(DataType.FLOAT_VALUE).addDims(2).addDims(1)
                .setDocString("doc of " + name).setDataLocation(TensorProto.DataLocation.DEFAULT)
                .setSegment(TensorProto.Segment.newBuilder().setBegin(0).setEnd(2))
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("k").setValue("v"))
                .setRawData(ByteString.copyFromUtf8("12345678")).addFloatData(1.5f).addInt32Data(-3)
                .addStringData(ByteString.copyFromUtf8("label")).addInt64Data(-1L << 40).addDoubleData(2.5)
                .addUint64Data(7).build();
    }

    private static SparseTensorProto sparse(String name) {
        return SparseTensorProto.newBuilder().setValues(valued(name + ".values"))
                .setIndices(valued(name + ".indices").toBuilder().setDataType(DataType.INT64_VALUE)).addDims(4)
                .build();
    }

    private static GraphProto branch(String name) {
        return negGraph().toBuilder().setName(name).addInitializer(valued(name + ".weight"))
                .addSparseInitializer(sparse(name + ".sparse")).build();
    }

    /** Every message kind that can hold a tensor, and the fields around them. */
    static ModelProto everyPlaceATensorCanBe() {
        AttributeProto everyValue = AttributeProto.newBuilder().setName("every").setType(AttributeType.TENSOR)
                .setDocString("attribute doc").setRefAttrName("ref").setF(0.5f).setI(-9).setS(ByteString.copyFromUtf8("s"))
                .setT(valued("attribute.t")).setG(branch("attribute.g")).setSparseTensor(sparse("attribute.sparse"))
                .setTp(TensorTypes.tensor("tp", DataType.FLOAT, 3).getType())
                .addFloats(1.25f).addFloats(-2f).addInts(3).addInts(-4).addStrings(ByteString.copyFromUtf8("a"))
                .addTensors(valued("attribute.tensors.0")).addTensors(valued("attribute.tensors.1"))
                .addGraphs(branch("attribute.graphs.0")).addSparseTensors(sparse("attribute.sparse_tensors.0"))
                .addTypeProtos(TensorTypes.tensor("tps", DataType.INT64, "n").getType()).build();
        NodeProto constant = NodeProto.newBuilder().setOpType("Constant").setName("constant").setDomain("")
                .setOverload("o").setDocString("node doc").addOutput("c").addAttribute(everyValue)
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("node").setValue("meta")).build();
        GraphProto graph = negGraph().toBuilder().setDocString("graph doc").addNode(constant)
                .addInitializer(valued("initializer")).addSparseInitializer(sparse("sparse_initializer"))
                .addValueInfo(TensorTypes.tensor("c", DataType.FLOAT, 2, 1))
                .addQuantizationAnnotation(TensorAnnotation.newBuilder().setTensorName("x")
                        .addQuantParameterTensorNames(StringStringEntryProto.newBuilder().setKey("SCALE").setValue("s")))
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("graph").setValue("meta")).build();
        FunctionProto function = FunctionProto.newBuilder().setName("f").setDomain("local").setOverload("o")
                .addInput("a").addOutput("b").addAttribute("alpha").addAttributeProto(everyValue.toBuilder().setName("beta"))
                .addNode(constant).setDocString("function doc").addValueInfo(TensorTypes.tensor("b", DataType.FLOAT, 2))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("function").setValue("meta")).build();
        TrainingInfoProto training = TrainingInfoProto.newBuilder().setInitialization(branch("initialization"))
                .setAlgorithm(branch("algorithm"))
                .addInitializationBinding(StringStringEntryProto.newBuilder().setKey("a").setValue("b"))
                .addUpdateBinding(StringStringEntryProto.newBuilder().setKey("c").setValue("d")).build();
        return OnnxFixtures.model(graph).toBuilder().setProducerVersion("1.0").setDomain("dev.modeldock")
                .setModelVersion(3).setDocString("model doc").addFunctions(function).addTrainingInfo(training)
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("model").setValue("meta")).build();
    }

    /** {@code levels} If nodes, each in the then-branch of the one before. */
    private static GraphProto nestedIfs(int levels, boolean leafDeclaresAShapedOutput) {
        GraphProto graph = GraphProto.newBuilder().setName("leaf").addNode(node("Neg", "n", List.of("x"), List.of("y")))
                .build();
        if (leafDeclaresAShapedOutput) {
            graph = graph.toBuilder().addOutput(TensorTypes.tensor("y", DataType.FLOAT, 2)).build();
        }
        for (int level = 0; level < levels; level++) {
            graph = GraphProto.newBuilder().setName("level" + level).addNode(node("If", "if", List.of("c"),
                    List.of("y")).toBuilder().addAttribute(graphAttribute("then_branch", graph))).build();
        }
        return graph;
    }

    /**
     * Models written field by field, in encodings the generated Java writer does not produce (packed
     * shapes and attribute numbers, unpacked tensor values), as other writers may.
     */
    private static final class HandEncoded {
        /** Six float values, packed. */
        static final byte[] GOOD_FLOAT_VALUES = new byte[6 * Float.BYTES];
        /** Packed floats of which the last is one byte short. */
        static final byte[] SEVEN_BYTES_OF_FLOATS = new byte[7];

        private interface Fields {
            void write(CodedOutputStream out) throws IOException;
        }

        static byte[] model(byte[] packedFloatValues) throws IOException {
            byte[] weights = encode(out -> {
                out.writeBytes(TensorProto.NAME_FIELD_NUMBER, ByteString.copyFromUtf8("w"));
                out.writeByteArray(TensorProto.DIMS_FIELD_NUMBER, encode(packed -> {
                    packed.writeInt64NoTag(2);
                    packed.writeInt64NoTag(3);
                }));
                out.writeInt32(TensorProto.DATA_TYPE_FIELD_NUMBER, DataType.FLOAT_VALUE);
                out.writeByteArray(TensorProto.FLOAT_DATA_FIELD_NUMBER, packedFloatValues);
                out.writeInt64(TensorProto.INT64_DATA_FIELD_NUMBER, 5); // unpacked
                out.writeDouble(TensorProto.DOUBLE_DATA_FIELD_NUMBER, 0.5); // unpacked
            });
            byte[] attribute = encode(out -> {
                out.writeBytes(AttributeProto.NAME_FIELD_NUMBER, ByteString.copyFromUtf8("numbers"));
                out.writeByteArray(AttributeProto.INTS_FIELD_NUMBER, encode(packed -> {
                    packed.writeInt64NoTag(1);
                    packed.writeInt64NoTag(2);
                    packed.writeInt64NoTag(3);
                }));
                out.writeByteArray(AttributeProto.FLOATS_FIELD_NUMBER, encode(packed -> {
                    packed.writeFloatNoTag(1.5f);
                    packed.writeFloatNoTag(2.5f);
                }));
            });
            byte[] identity = encode(out -> {
                out.writeBytes(NodeProto.OP_TYPE_FIELD_NUMBER, ByteString.copyFromUtf8("Identity"));
                out.writeBytes(NodeProto.INPUT_FIELD_NUMBER, ByteString.copyFromUtf8("w"));
                out.writeBytes(NodeProto.OUTPUT_FIELD_NUMBER, ByteString.copyFromUtf8("y"));
                out.writeByteArray(NodeProto.ATTRIBUTE_FIELD_NUMBER, attribute);
            });
            byte[] graph = encode(out -> {
                out.writeByteArray(GraphProto.NODE_FIELD_NUMBER, identity);
                out.writeByteArray(GraphProto.INITIALIZER_FIELD_NUMBER, weights);
            });
            return encode(out -> {
                out.writeInt64(ModelProto.IR_VERSION_FIELD_NUMBER, 8);
                out.writeByteArray(ModelProto.GRAPH_FIELD_NUMBER, graph);
                // A field this schema does not know, of each wire type, to be skipped alike.
                out.writeInt64(99, 1);
                out.writeFixed32(98, 2);
                out.writeFixed64(97, 3);
                out.writeBytes(96, ByteString.copyFromUtf8("unknown"));
                out.writeTag(95, WireFormat.WIRETYPE_START_GROUP);
                out.writeInt32(1, 4);
                out.writeTag(95, WireFormat.WIRETYPE_END_GROUP);
            });
        }

        private static byte[] encode(Fields fields) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            fields.write(out);
            out.flush();
            return bytes.toByteArray();
        }
    }
}
