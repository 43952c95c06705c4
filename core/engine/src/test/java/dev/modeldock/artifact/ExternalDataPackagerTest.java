package dev.modeldock.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.modeldock.onnx.DataFile;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.plugin.ExternalDataPackage;
import dev.modeldock.plugin.ExternalDataPackage.Member;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.SmallModels;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalDataPackagerTest {
    @TempDir
    Path dir;

    /** A model with a weight of 4 MB beside the classifier's small ones: several chunks, several offsets. */
    private static ModelProto model() {
        return model(1);
    }

    private static ModelProto model(float scale) {
        float[] values = new float[1_000_003];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.cos(i) * i * scale;
        }
        return OnnxFixtures.withRawData(OnnxFixtures.model(SmallModels.irisClassifier().getGraph().toBuilder()
                .addInitializer(OnnxFixtures.floats("large", values, 1, values.length)).build()));
    }

    @Test
    void aContentNamedDataFileIsNamedAfterTheCrcsOfTheBytesItWritesAndItsChecksumsAreOfThem() throws Exception {
        DataFile data = DataFile.contentNamed(model(), "model", 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        data.writeTo(bytes);

        assertEquals(data.size(), bytes.size());
        CRC32 crc32 = new CRC32();
        crc32.update(bytes.toByteArray());
        CRC32C crc32c = new CRC32C();
        crc32c.update(bytes.toByteArray());
        assertEquals(String.format("model-%08x%08x.dat", crc32c.getValue(), crc32.getValue()), data.name());
        assertEquals(crc32.getValue(), data.crc32());
        assertEquals(Sha256.of(bytes.toByteArray()), data.sha256());
        assertFalse(data.name().equals(DataFile.contentNamed(model(1.5f), "model", 1).name()), "other values");
        assertTrue(data.tensors().stream().allMatch(tensor -> tensor.offset() % DataFile.ALIGNMENT == 0
                && tensor.location().equals(data.name())), data.tensors().toString());
    }

    @Test
    void theDataFileIsStoredWholeOnA4096ByteBoundaryOfTheZipAndTheModelRunsFromTheZipAsFromTheUnpackedFiles()
            throws Exception {
        ModelProto original = model();
        DataFile data = DataFile.contentNamed(original, "model", 1);
        Path zip = dir.resolve("model.zip");

        ExternalDataPackager.Packed packed = ExternalDataPackager.pack("model", data, zip);

        assertEquals(0, packed.dataStart() % DataFile.ALIGNMENT, "aligned: " + packed.dataStart());
        byte[] zipBytes = Files.readAllBytes(zip);
        int start = (int) packed.dataStart();
        byte[] stored = Arrays.copyOfRange(zipBytes, start, start + (int) data.size());
        assertEquals(data.sha256(), Sha256.of(stored), "the data file's bytes, where the package says");
        assertEquals(Sha256.of(zipBytes), packed.sha256());
        List<Member> members = ExternalDataPackage.unpack(zip, dir.resolve("unpacked"));
        assertEquals(members, packed.members());
        assertEquals(List.of("model.onnx", data.name(), "model_external_data.json"),
                members.stream().map(Member::name).toList());

        Path inPlace = dir.resolve("in-place.onnx");
        OnnxModels.write(data.referencing("model.zip", packed.dataStart()), inPlace);
        float[][] features = {{5.1f, 3.5f, 1.4f, 0.2f}};
        Object expected = OnnxFixtures.run(OnnxFixtures.write(original, dir.resolve("inline.onnx")),
                Map.of("features", features), "probabilities").get("probabilities");
        assertArrayEquals((float[][]) expected, (float[][]) OnnxFixtures.run(dir.resolve("unpacked/model.onnx"),
                Map.of("features", features), "probabilities").get("probabilities"));
        assertArrayEquals((float[][]) expected, (float[][]) OnnxFixtures.run(inPlace, Map.of("features", features),
                "probabilities").get("probabilities"));
    }
}
