package dev.modeldock.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Writes safetensors files for tests, following the published format: an 8-byte little-endian
 * header length, a JSON header of dtype, shape and data offsets per tensor, then the raw
 * little-endian data. Written from the format's description, not with the post-processors' reader.
 */
public final class SafeTensorsWriter {
    private final Map<String, String> headerEntries = new LinkedHashMap<>();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private boolean padHeader;

    /** Pads the JSON header with spaces to a multiple of 8 bytes, as the reference writer does. */
    public SafeTensorsWriter paddedHeader() {
        padHeader = true;
        return this;
    }

    /** Adds a float32 tensor. */
    public SafeTensorsWriter f32(String name, float[] values, long... shape) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            bytes.putFloat(value);
        }
        return raw(name, "F32", bytes.array(), shape);
    }

    /** Adds a tensor of 16-bit values given as their bit patterns (for F16 or BF16). */
    public SafeTensorsWriter bits16(String name, String dtype, short[] bits, long... shape) {
        ByteBuffer bytes = ByteBuffer.allocate(bits.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short value : bits) {
            bytes.putShort(value);
        }
        return raw(name, dtype, bytes.array(), shape);
    }

    /** Adds a tensor whose bytes are already encoded. */
    public SafeTensorsWriter raw(String name, String dtype, byte[] bytes, long... shape) {
        int begin = data.size();
        data.writeBytes(bytes);
        StringJoiner dims = new StringJoiner(",", "[", "]");
        for (long dim : shape) {
            dims.add(Long.toString(dim));
        }
        headerEntries.put(name, "{\"dtype\":\"" + dtype + "\",\"shape\":" + dims + ",\"data_offsets\":[" + begin
                + "," + data.size() + "]}");
        return this;
    }

    /** The complete file's bytes. */
    public byte[] bytes() {
        StringJoiner header = new StringJoiner(",", "{", "}");
        header.add("\"__metadata__\":{\"format\":\"pt\"}");
        headerEntries.forEach((name, entry) -> header.add("\"" + name + "\":" + entry));
        String json = header.toString();
        while (padHeader && json.getBytes(StandardCharsets.UTF_8).length % 8 != 0) {
            json += " ";
        }
        byte[] headerBytes = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate(8 + headerBytes.length + data.size()).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(headerBytes.length).put(headerBytes).put(data.toByteArray());
        return file.array();
    }

    public Path write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes());
    }

    /** A float's IEEE binary16 bits; only for values binary16 holds exactly as a normal number. */
    public static short toHalf(float value) {
        int bits = Float.floatToIntBits(value);
        int sign = (bits >>> 31) << 15;
        if (value == 0f) {
            return (short) sign;
        }
        int exponent = Math.getExponent(value);
        int mantissa = bits & 0x7fffff;
        if (exponent < -14 || exponent > 15 || (mantissa & 0x1fff) != 0) {
            throw new IllegalArgumentException(value + " is not an exact normal binary16 value");
        }
        return (short) (sign | ((exponent + 15) << 10) | (mantissa >>> 13));
    }

    /** A float's bfloat16 bits; only for values bfloat16 holds exactly. */
    public static short toBfloat16(float value) {
        int bits = Float.floatToIntBits(value);
        if ((bits & 0xffff) != 0) {
            throw new IllegalArgumentException(value + " is not an exact bfloat16 value");
        }
        return (short) (bits >>> 16);
    }
}
