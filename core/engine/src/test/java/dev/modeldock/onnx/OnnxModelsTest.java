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
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.onnx.OnnxFixtures;
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
