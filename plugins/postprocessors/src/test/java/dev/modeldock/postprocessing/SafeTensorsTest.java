package dev.modeldock.postprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.SafeTensorsWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    private static final float[] VALUES = {1.0f, -2.5f, 0.5f, 0.3332519531f, 65504f, 0x1p-14f};

    @TempDir
    Path dir;

    @Test
    void readsFloat32Tensors() throws Exception {
        Path file = new SafeTensorsWriter().f32("w", VALUES, 2, 3).write(dir.resolve("a.safetensors"));
        assertArrayEquals(VALUES, SafeTensors.read(file).floats("w", 2, 3));
    }

    @Test
    void readsAHeaderPaddedWithSpaces() throws Exception {
        Path file = new SafeTensorsWriter().paddedHeader().f32("w", VALUES, 6).write(dir.resolve("p.safetensors"));
        long headerLength = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, headerLength % 8, "fixture sanity: the header is padded");
        assertArrayEquals(VALUES, SafeTensors.read(file).floats("w", 6));
    }

    @Test
    void readsFloat16Tensors() throws Exception {
        short[] bits = new short[VALUES.length];
        for (int i = 0; i < VALUES.length; i++) {
            bits[i] = SafeTensorsWriter.toHalf(VALUES[i]);
        }
        Path file = new SafeTensorsWriter().bits16("w", "F16", bits, 3, 2).write(dir.resolve("h.safetensors"));
        assertArrayEquals(VALUES, SafeTensors.read(file).floats("w", 3, 2));
    }

    @Test
    void readsFloat16SubnormalsZerosAndInfinities() throws Exception {
        // Bit patterns from IEEE 754 binary16: smallest subnormal, a negative subnormal, -0, +inf, -inf.
        short[] bits = {0x0001, (short) 0x8200, (short) 0x8000, 0x7c00, (short) 0xfc00};
        float[] expected = {0x1p-24f, -0x200 * 0x1p-24f, -0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        Path file = new SafeTensorsWriter().bits16("w", "F16", bits, 5).write(dir.resolve("s.safetensors"));
        float[] actual = SafeTensors.read(file).floats("w", 5);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]), "value " + i);
        }
    }

    @Test
    void readsBfloat16Tensors() throws Exception {
        float[] values = {1.0f, -3.5f, 0.15625f, Float.intBitsToFloat(Float.floatToIntBits(3.0e38f) & 0xffff0000)};
        short[] bits = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = SafeTensorsWriter.toBfloat16(values[i]);
        }
        Path file = new SafeTensorsWriter().bits16("w", "BF16", bits, 4).write(dir.resolve("b.safetensors"));
        assertArrayEquals(values, SafeTensors.read(file).floats("w", 4));
    }

    @Test
    void readsTheRightTensorWhenThereAreSeveral() throws Exception {
        Path file = new SafeTensorsWriter().f32("first", new float[] {9f, 8f}, 2).f32("second", VALUES, 6)
                .write(dir.resolve("two.safetensors"));
        SafeTensors tensors = SafeTensors.read(file);
        assertArrayEquals(VALUES, tensors.floats("second", 6));
        assertArrayEquals(new float[] {9f, 8f}, tensors.floats("first", 2));
    }

    @Test
    void rejectsTruncatedData() throws Exception {
        byte[] whole = new SafeTensorsWriter().f32("w", VALUES, 6).bytes();
        Path file = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(whole, whole.length - 5));
        ModelDockException e = assertThrows(ModelDockException.class, () -> SafeTensors.read(file).floats("w", 6));
        assertTrue(e.getMessage().contains("not a valid safetensors file"), e.getMessage());
    }

    @Test
    void rejectsFileShorterThanItsHeaderLength() throws Exception {
        Path file = Files.write(dir.resolve("tiny.safetensors"), new byte[] {1, 2, 3});
        ModelDockException e = assertThrows(ModelDockException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().contains("not a valid safetensors file"), e.getMessage());
    }

    @Test
    void rejectsHeaderLengthBeyondTheFile() throws Exception {
        byte[] whole = new SafeTensorsWriter().f32("w", VALUES, 6).bytes();
        ByteBuffer.wrap(whole).order(ByteOrder.LITTLE_ENDIAN).putLong(0, whole.length);
        Path file = Files.write(dir.resolve("long.safetensors"), whole);
        ModelDockException e = assertThrows(ModelDockException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().contains("not a valid safetensors file"), e.getMessage());
    }

    @Test
    void rejectsHeaderThatIsNotJson() throws Exception {
        byte[] header = "{\"w\": [not json".getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate(8 + header.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(header.length).put(header);
        Path path = Files.write(dir.resolve("garbage.safetensors"), file.array());
        ModelDockException e = assertThrows(ModelDockException.class, () -> SafeTensors.read(path));
        assertTrue(e.getMessage().contains("not a valid safetensors file"), e.getMessage());
    }

    @Test
    void rejectsATensorOfAnotherShape() throws Exception {
        Path file = new SafeTensorsWriter().f32("w", VALUES, 2, 3).write(dir.resolve("a.safetensors"));
        ModelDockException e = assertThrows(ModelDockException.class, () -> SafeTensors.read(file).floats("w", 3, 2));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[3, 2]"), e.getMessage());
    }

    @Test
    void rejectsUnsupportedDtype() throws Exception {
        Path file = new SafeTensorsWriter().raw("w", "I64", new byte[16], 2).write(dir.resolve("i.safetensors"));
        ModelDockException e = assertThrows(ModelDockException.class, () -> SafeTensors.read(file).floats("w", 2));
        assertTrue(e.getMessage().contains("I64"), e.getMessage());
    }

    @Test
    void rejectsAMissingTensor() throws Exception {
        Path file = new SafeTensorsWriter().f32("w", VALUES, 6).write(dir.resolve("a.safetensors"));
        ModelDockException e = assertThrows(ModelDockException.class, () -> SafeTensors.read(file).floats("b", 6));
        assertTrue(e.getMessage().contains("no tensor b"), e.getMessage());
    }
}
