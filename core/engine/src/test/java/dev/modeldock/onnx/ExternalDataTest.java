package dev.modeldock.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.BertShapedHubFolder;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.SmallModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A model whose weights live in an external data file is read whole, and only from safe, exact ranges. */
class ExternalDataTest {
    @TempDir
    Path dir;
    Path folder;
    Path file;
    ModelProto written;

    @BeforeEach
    void writeTheClassifierWithExternalWeights() throws Exception {
        folder = Files.createDirectories(dir.resolve("model"));
        file = folder.resolve("model.onnx");
        written = OnnxFixtures.writeWithExternalData(OnnxFixtures.withRawData(SmallModels.irisClassifier()), file,
                "model.onnx_data", 1);
    }

    /** Resolves locations inside {@link #folder}, as a model folder does. */
    private Path inFolder(String location) {
        Path data = folder.resolve(location).normalize();
        if (!data.startsWith(folder) || !Files.isRegularFile(data)) {
            throw new ModelDockException("no file " + location + " in the model folder");
        }
        return data;
    }

    @Test
    void theWeightsAreReadIntoTheModelAsTheyWereWritten() throws Exception {
        ModelProto read = OnnxModels.readChecked(file, this::inFolder);

        TensorProto weights = read.getGraph().getInitializer(0);
        assertEquals(TensorProto.DataLocation.DEFAULT, weights.getDataLocation());
        assertEquals(0, weights.getExternalDataCount());
        assertEquals(48, weights.getRawData().size(), "FLOAT [4, 3]");
        assertEquals(TensorProto.DataLocation.EXTERNAL, written.getGraph().getInitializer(0).getDataLocation(),
                "the fixture did write it external");
        Path inline = dir.resolve("inline.onnx");
        OnnxModels.write(read, inline);
        Map<String, Object> fromInline = OnnxFixtures.run(inline, Map.of("features", new float[][] {{1, 2, 3, 4}}),
                "probabilities");
        Map<String, Object> fromExternal = OnnxFixtures.run(file, Map.of("features", new float[][] {{1, 2, 3, 4}}),
                "probabilities");
        assertEquals(Arrays.deepToString((float[][]) fromExternal.get("probabilities")),
                Arrays.deepToString((float[][]) fromInline.get("probabilities")),
                "ONNX Runtime reads the external file to the same values");
    }

    @Test
    void aModelWithExternalDataIsStillRefusedWhereOneFileIsExpected() {
        ModelStructureException e = assertThrows(ModelStructureException.class, () -> OnnxModels.readChecked(file));
        assertEquals(ModelChecks.Rule.EXTERNAL_DATA, e.rule());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside.bin", "/etc/passwd", "sub/../../outside.bin", "C:/weights.bin",
            "..\\\\outside.bin", ""})
    void aLocationThatIsNotAPlainRelativePathIsRefusedBeforeAnyFileIsOpened(String location) throws Exception {
        Files.write(dir.resolve("outside.bin"), new byte[4096 + 48]);
        Path hostile = rewrite(Map.of("location", location));

        ModelStructureException e = assertThrows(ModelStructureException.class, () -> OnnxModels.readChecked(hostile,
                where -> {
                    throw new AssertionError("asked to open " + where);
                }));
        assertEquals(ModelChecks.Rule.EXTERNAL_DATA, e.rule());
        assertTrue(e.getMessage().contains("is not a plain relative path inside the model's folder"), e.getMessage());
    }

    @Test
    void aRangePastTheEndOfTheDataFileIsRefusedNamingBoth() throws Exception {
        Path hostile = rewrite(Map.of("offset", "1000000"));
        ModelStructureException e = assertThrows(ModelStructureException.class,
                () -> OnnxModels.readChecked(hostile, this::inFolder));
        assertTrue(e.getMessage().contains("initializer '"), e.getMessage());
        assertTrue(e.getMessage().contains("its external data is bytes 1000000 to 1000048 of 'model.onnx_data',"
                + " which holds " + Files.size(folder.resolve("model.onnx_data")) + " bytes"), e.getMessage());
    }

    @Test
    void aLengthThatIsNotTheTensorsSizeIsRefused() throws Exception {
        Path hostile = rewrite(Map.of("length", "40"));
        ModelStructureException e = assertThrows(ModelStructureException.class,
                () -> OnnxModels.readChecked(hostile, this::inFolder));
        assertTrue(e.getMessage().contains("its external data is 40 bytes, but its type and shape need 48"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-4096", "12abc", "99999999999999999999"})
    void anOffsetThatIsNoByteCountIsRefused(String offset) throws Exception {
        Path hostile = rewrite(Map.of("offset", offset));
        ModelStructureException e = assertThrows(ModelStructureException.class,
                () -> OnnxModels.readChecked(hostile, this::inFolder));
        assertTrue(e.getMessage().contains("its external data offset '" + offset + "' is not a whole number of bytes"),
                e.getMessage());
    }

    @Test
    void aMissingDataFileIsNamedByTheResolver() throws Exception {
        Files.delete(folder.resolve("model.onnx_data"));
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> OnnxModels.readChecked(file, this::inFolder));
        assertEquals("no file model.onnx_data in the model folder", e.getMessage());
    }

    @Test
    void aModelWrittenWithExternalDataRunsAndReadsBackAsItWas() throws Exception {
        ModelProto original = OnnxFixtures.withRawData(SmallModels.irisClassifier());
        Path out = Files.createDirectories(dir.resolve("out")).resolve("float32.onnx");

        ExternalData.write(original, out, 1);

        assertEquals(out.resolveSibling("float32.onnx_data"), ExternalData.dataFile(out));
        ModelProto header = ModelProto.parseFrom(Files.readAllBytes(out));
        for (TensorProto tensor : header.getGraph().getInitializerList()) {
            assertEquals(TensorProto.DataLocation.EXTERNAL, tensor.getDataLocation(), tensor.getName());
            long offset = tensor.getExternalDataList().stream().filter(e -> e.getKey().equals("offset"))
                    .mapToLong(e -> Long.parseLong(e.getValue())).findFirst().orElseThrow();
            assertEquals(0, offset % 4096, "aligned for ONNX Runtime to map: " + tensor.getName());
        }
        assertEquals(original, OnnxModels.readChecked(out, location -> out.resolveSibling(location)));
        Path inline = OnnxFixtures.write(original, dir.resolve("inline.onnx"));
        float[][] features = {{5.1f, 3.5f, 1.4f, 0.2f}};
        assertEquals(Arrays.deepToString((float[][]) OnnxFixtures.run(inline, Map.of("features", features),
                "probabilities").get("probabilities")), Arrays.deepToString((float[][]) OnnxFixtures.run(out,
                Map.of("features", features), "probabilities").get("probabilities")));
    }

    /**
     * Tensors of several MiB are written in chunks, each at its place: a BERT-shaped encoder (its
     * 7.8 MB word embeddings among them), read back, runs as the encoder it was read from.
     */
    @Test
    void anEncoderWrittenInChunksComputesWhatItsSourceComputes() throws Exception {
        Path source = BertShapedHubFolder.create(dir.resolve("hub"), new BertShapedHubFolder.Shape("bert-64", 2, 64,
                4, 128, 30522, 64), true, 42);
        ModelProto encoder = OnnxModels.readChecked(source.resolve("onnx/model.onnx"),
                location -> source.resolve("onnx").resolve(location));
        Path out = Files.createDirectories(dir.resolve("out")).resolve("encoder.onnx");

        ExternalData.write(encoder, out, 1024);

        Map<String, Object> tokens = Map.of("input_ids", new long[][] {{101, 7592, 2088, 102}}, "attention_mask",
                new long[][] {{1, 1, 1, 1}}, "token_type_ids", new long[][] {{0, 0, 0, 0}});
        assertEquals(Arrays.deepToString((float[][][]) OnnxFixtures.run(source.resolve("onnx/model.onnx"), tokens,
                "last_hidden_state").get("last_hidden_state")), Arrays.deepToString((float[][][]) OnnxFixtures.run(out,
                tokens, "last_hidden_state").get("last_hidden_state")));
    }

    /**
     * The model {@code write} returns holds no values, only references; each weight reads back as the
     * same floats (this one across four 1 MiB chunks), and the model inlined equals the original.
     */
    @Test
    void aModelWrittenWithExternalDataIsGivenBackByReferenceAndEachWeightReadsBackAsItWas() throws Exception {
        float[] values = new float[1_000_003];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i) * i;
        }
        ModelProto original = OnnxFixtures.withRawData(OnnxFixtures.model(SmallModels.irisClassifier().getGraph()
                .toBuilder().addInitializer(OnnxFixtures.floats("large", values, 1, values.length)).build()));
        Path out = Files.createDirectories(dir.resolve("out")).resolve("float32.onnx");

        ModelProto referencing = ExternalData.write(original, out, 1);

        TensorProto large = referencing.getGraph().getInitializerList().stream()
                .filter(tensor -> tensor.getName().equals("large")).findFirst().orElseThrow();
        assertEquals(TensorProto.DataLocation.EXTERNAL, large.getDataLocation());
        assertTrue(large.getRawData().isEmpty(), "the values are in the data file only");
        assertTrue(Arrays.equals(values, ExternalData.floats(large, out)), "the same floats, in order");
        assertEquals(original, ExternalData.inlined(referencing, out));
        assertThrows(IllegalArgumentException.class, () -> ExternalData.floats(original.getGraph().getInitializer(0),
                out), "a tensor holding its values is not read from a file");
    }

    /**
     * A model written from weights a mapped read left in a source's data file names that file through
     * a link instead of copying them: its own data file stays empty, ONNX Runtime computes what the
     * source computes, each weight reads back through the link, and deleting the written model removes
     * the link and leaves the source as it was.
     */
    @Test
    void aModelWrittenFromMappedWeightsNamesTheirSourceThroughALinkAndCopiesNothing() throws Exception {
        WeightOrigins origins = new WeightOrigins();
        ModelProto read = OnnxModels.readChecked(file, this::inFolder, origins);
        String sourceDigest = dev.modeldock.plugin.Sha256.of(folder.resolve("model.onnx_data"));
        Path out = Files.createDirectories(dir.resolve("out")).resolve("float32.onnx");

        ModelProto referencing = ExternalData.write(read, out, 1, origins);

        Path link = out.resolveSibling("float32.onnx_source_0");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(folder.resolve("model.onnx_data").toRealPath(), link.toRealPath());
        assertEquals(0, Files.size(ExternalData.dataFile(out)), "nothing copied");
        TensorProto weights = referencing.getGraph().getInitializer(0);
        assertEquals("float32.onnx_source_0", location(weights));
        assertEquals(read.getGraph().getInitializer(0).getRawData().asReadOnlyByteBuffer()
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer(),
                java.nio.FloatBuffer.wrap(ExternalData.floats(weights, out)), "read back through the link");
        float[][] features = {{5.1f, 3.5f, 1.4f, 0.2f}};
        assertEquals(Arrays.deepToString((float[][]) OnnxFixtures.run(file, Map.of("features", features),
                "probabilities").get("probabilities")), Arrays.deepToString((float[][]) OnnxFixtures.run(out,
                Map.of("features", features), "probabilities").get("probabilities")));

        ExternalData.delete(out);
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(out) || Files.exists(ExternalData.dataFile(out)));
        assertEquals(sourceDigest, dev.modeldock.plugin.Sha256.of(folder.resolve("model.onnx_data")),
                "the source is untouched");
    }

    /** Values changed after the read are new values, written out: only the very bytes read are linked. */
    @Test
    void aWeightWhoseValuesChangedAfterTheReadIsCopiedNotLinked() throws Exception {
        WeightOrigins origins = new WeightOrigins();
        ModelProto read = OnnxModels.readChecked(file, this::inFolder, origins);
        TensorProto weights = read.getGraph().getInitializer(0);
        ModelProto changed = read.toBuilder().setGraph(read.getGraph().toBuilder().setInitializer(0, weights
                .toBuilder().setRawData(com.google.protobuf.ByteString.copyFrom(new byte[weights.getRawData()
                        .size()])))).build();
        Path out = Files.createDirectories(dir.resolve("out")).resolve("float32.onnx");

        ModelProto referencing = ExternalData.write(changed, out, 1, origins);

        assertEquals("float32.onnx_data", location(referencing.getGraph().getInitializer(0)));
        assertFalse(Files.exists(out.resolveSibling("float32.onnx_source_0"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Arrays.equals(new float[12], ExternalData.floats(referencing.getGraph().getInitializer(0), out)));
    }

    private static String location(TensorProto tensor) {
        return tensor.getExternalDataList().stream().filter(e -> e.getKey().equals("location"))
                .map(StringStringEntryProto::getValue).findFirst().orElseThrow();
    }

    /** The model as written, with its first initializer's external data entries changed as given. */
    private Path rewrite(Map<String, String> changes) throws Exception {
        TensorProto.Builder tensor = written.getGraph().getInitializer(0).toBuilder();
        for (int i = 0; i < tensor.getExternalDataCount(); i++) {
            StringStringEntryProto entry = tensor.getExternalData(i);
            if (changes.containsKey(entry.getKey())) {
                tensor.setExternalData(i, entry.toBuilder().setValue(changes.get(entry.getKey())));
            }
        }
        ModelProto model = written.toBuilder().setGraph(written.getGraph().toBuilder().setInitializer(0, tensor))
                .build();
        return OnnxFixtures.write(model, folder.resolve("hostile.onnx"));
    }
}
