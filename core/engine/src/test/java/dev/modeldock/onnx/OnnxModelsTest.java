package dev.modeldock.onnx;

import static dev.modeldock.testkit.onnx.OnnxFixtures.floats;
import static dev.modeldock.testkit.onnx.OnnxFixtures.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.BertShapedHubFolder;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading ONNX files: what is accepted, and what each refusal says. */
class OnnxModelsTest {

    private static GraphProto negGraph() {
        return GraphProto.newBuilder().setName("neg")
                .addInput(TensorTypes.tensor("x", DataType.FLOAT, 2))
                .addNode(node("Neg", "n", List.of("x"), List.of("y")))
                .addOutput(TensorTypes.tensor("y", DataType.FLOAT, 2)).build();
    }

    private static void assertNamesFileAnd(ModelDockException e, Path file, String problem) {
        assertTrue(e.getMessage().contains(file.toString()), "file not named: " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), "problem not named: " + e.getMessage());
    }

    @Test
    void aWrittenModelReadsBackEqual(@TempDir Path dir) throws Exception {
        GraphProto graph = negGraph().toBuilder().addInitializer(floats("unused", new float[] {1f, 2f}, 2)).build();
        Path file = OnnxFixtures.write(graph, dir, "m.onnx");
        assertEquals(OnnxFixtures.model(graph), OnnxModels.read(file));
    }

    /**
     * A source is read through a mapping of its file; what it gives is the file parsed whole, down to
     * the tensors whose values are in int64_data rather than raw_data (raw_data has presence, so an
     * empty one set by mistake would hide them), and none of it but the weights is left in the mapping.
     */
    @Test
    void aSourceReadThroughItsMappingIsTheFileParsedWhole(@TempDir Path dir) throws Exception {
        Path hub = BertShapedHubFolder.create(dir.resolve("hub"), new BertShapedHubFolder.Shape("bert-64", 2, 64, 4,
                128, 30522, 64), false, 7);
        Path file = hub.resolve("onnx/model.onnx");

        ModelProto mapped = OnnxModels.readChecked(file, file::resolveSibling);

        ModelProto whole = ModelProto.parseFrom(Files.readAllBytes(file));
        assertEquals(whole, mapped);
        assertTrue(whole.getGraph().getInitializerList().stream().anyMatch(tensor -> !tensor.hasRawData()),
                "the fixture has tensors without raw_data");
        assertEquals(whole.getGraph().getInitializerList().stream().map(TensorProto::hasRawData).toList(),
                mapped.getGraph().getInitializerList().stream().map(TensorProto::hasRawData).toList());
        String nodeName = mapped.getGraph().getNode(0).getNameBytes().getClass().getSimpleName();
        assertEquals("LiteralByteString", nodeName, "the structure is on the heap, not a slice of the mapping");
    }

    @Test
    void aFileOfTwoGibibytesOrMoreIsRefusedSayingWhyRatherThanAsInvalid(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("multilingual-e5-large.onnx");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(2_200_000_000L); // no blocks written: the size is all the check reads
        }
        ModelDockException e = assertThrows(ModelDockException.class, () -> OnnxModels.readStructure(file));
        assertNamesFileAnd(e, file, "is 2200000000 bytes (2.2 GB), over the 2147483647 bytes (2.1 GB) one ONNX"
                + " file can hold");
        assertTrue(e.getMessage().contains("external data"), e.getMessage());
    }

    @Test
    void aPipelineOverTwoGibibytesIsRefusedWithItsTrueSizeNotAWrappedOne(@TempDir Path dir) {
        // Three 800 MiB initializers sharing one MiB of heap: a rope of the same block.
        ByteString mib = ByteString.copyFrom(new byte[1 << 20]);
        ByteString weights = ByteString.EMPTY;
        for (int i = 0; i < 800; i++) {
            weights = weights.concat(mib);
        }
        GraphProto.Builder graph = negGraph().toBuilder();
        for (String name : List.of("a", "b", "c")) {
            graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(DataType.FLOAT_VALUE)
                    .addDims(weights.size() / Float.BYTES).setRawData(weights));
        }
        ModelProto model = OnnxFixtures.model(graph.build());
        long size = OnnxModels.serializedSize(model);
        assertTrue(size > 3L * weights.size() && size < 3L * weights.size() + 1024, "size " + size);

        Path file = dir.resolve("pipeline.onnx");
        ModelDockException e = assertThrows(ModelDockException.class, () -> OnnxModels.write(model, file));

        assertTrue(e.getMessage().startsWith("the pipeline would be " + size + " bytes (2.5 GB)"), e.getMessage());
        assertTrue(Files.notExists(file));
    }

    @Test
    void theSizeOfAModelUnderTheLimitIsProtobufsOwnCount() {
        GraphProto graph = negGraph().toBuilder().addInitializer(floats("w", new float[] {1f, 2f}, 2)).build();
        ModelProto model = OnnxFixtures.model(graph);
        assertEquals(model.getSerializedSize(), OnnxModels.serializedSize(model));
    }

    @Test
    void aMissingFileIsNamedAsMissing(@TempDir Path dir) {
        Path file = dir.resolve("absent.onnx");
        ModelDockException e = assertThrows(ModelDockException.class, () -> OnnxModels.read(file));
        assertNamesFileAnd(e, file, "does not exist");
    }

    @Test
    void bytesThatAreNotProtobufAreRejectedAsNotOnnx(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("zero-tag.onnx");
        Files.write(file, new byte[] {0, 1, 2, 3}); // field number 0 is invalid in every protobuf message
        ModelDockException e = assertThrows(ModelDockException.class, () -> OnnxModels.read(file));
        assertNamesFileAnd(e, file, "not a valid ONNX model");
    }

    @Test
    void aTextFileIsRejectedWithTheFileNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("readme.onnx");
        Files.writeString(file, "this is a README, not a model\n", StandardCharsets.UTF_8);
        ModelDockException e = assertThrows(ModelDockException.class, () -> OnnxModels.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void aTextFileIsRejectedAsNotOnnxRatherThanAsAnEmptyModel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("readme.onnx");
        Files.writeString(file, "this is a README, not a model\n", StandardCharsets.UTF_8);
        ModelDockException e = assertThrows(ModelDockException.class, () -> OnnxModels.read(file));
        assertNamesFileAnd(e, file, "not a valid ONNX model");
    }

    @Test
    void randomBytesAreRejectedWithTheFileNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("random.onnx");
        byte[] noise = new byte[4096];
        new Random(20240601L).nextBytes(noise);
        Files.write(file, noise);
        ModelDockException e = assertThrows(ModelDockException.class, () -> OnnxModels.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a valid ONNX model") || e.getMessage().contains("no graph nodes"),
                e.getMessage());
    }

    @Test
    void aTruncatedDownloadIsRejectedAsNotOnnx(@TempDir Path dir) throws Exception {
        Path file = OnnxFixtures.write(negGraph(), dir, "partial.onnx");
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 1));
        ModelDockException e = assertThrows(ModelDockException.class, () -> OnnxModels.read(file));
        assertNamesFileAnd(e, file, "not a valid ONNX model");
    }

    @Test
    void aModelWithoutNodesIsRejected(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("empty-graph.onnx");
        OnnxModels.write(OnnxFixtures.model(GraphProto.newBuilder().setName("empty").build()), file);
        ModelDockException e = assertThrows(ModelDockException.class, () -> OnnxModels.read(file));
        assertNamesFileAnd(e, file, "no graph nodes");
    }

    @Test
    void anEmptyFileIsRejectedAsHavingNoGraph(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("zero.onnx"));
        ModelDockException e = assertThrows(ModelDockException.class, () -> OnnxModels.read(file));
        assertNamesFileAnd(e, file, "no graph nodes");
    }

    @Test
    void weightsInExternalDataFilesAreRejectedNamingTheTensor(@TempDir Path dir) throws Exception {
        TensorProto external = TensorProto.newBuilder().setName("encoder.weight")
                .setDataType(DataType.FLOAT.getNumber()).addDims(2)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("model.onnx_data"))
                .build();
        Path file = OnnxFixtures.write(negGraph().toBuilder().addInitializer(external).build(), dir, "ext.onnx");
        ModelDockException e = assertThrows(ModelDockException.class, () -> OnnxModels.read(file));
        assertNamesFileAnd(e, file, "external data");
        assertTrue(e.getMessage().contains("encoder.weight"), e.getMessage());
    }

    @Test
    void weightsInExternalDataInsideASubgraphAreRejectedToo(@TempDir Path dir) throws Exception {
        TensorProto external = TensorProto.newBuilder().setName("branch.weight")
                .setDataType(DataType.FLOAT.getNumber()).addDims(2)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("model.onnx_data"))
                .build();
        GraphProto branch = GraphProto.newBuilder().setName("then").addInitializer(external)
                .addNode(node("Add", "add", List.of("x", "branch.weight"), List.of("t")))
                .addOutput(TensorTypes.tensor("t", DataType.FLOAT, 2)).build();
        GraphProto elseBranch = branch.toBuilder().setName("else").clearInitializer()
                .setNode(0, node("Identity", "id", List.of("x"), List.of("t"))).build();
        GraphProto graph = negGraph().toBuilder()
                .addInput(TensorTypes.tensor("c", DataType.BOOL))
                .addNode(node("If", "if", List.of("c"), List.of("r")).toBuilder()
                        .addAttribute(OnnxFixtures.graphAttribute("then_branch", branch))
                        .addAttribute(OnnxFixtures.graphAttribute("else_branch", elseBranch)))
                .addOutput(TensorTypes.tensor("r", DataType.FLOAT, 2)).build();
        Path file = OnnxFixtures.write(graph, dir, "ext-branch.onnx");
        ModelDockException e = assertThrows(ModelDockException.class, () -> OnnxModels.read(file));
        assertNamesFileAnd(e, file, "external data");
    }

    @Test
    void aFolderInsteadOfAFileIsAReadError(@TempDir Path dir) {
        ModelDockException e = assertThrows(ModelDockException.class, () -> OnnxModels.read(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void writingAModelWithNothingInItIsRefused(@TempDir Path dir) {
        Path file = dir.resolve("nothing.onnx");
        assertThrows(ModelDockException.class, () -> OnnxModels.write(ModelProto.getDefaultInstance(), file));
        assertTrue(Files.notExists(file));
    }
}
