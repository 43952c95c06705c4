package dev.modeldock.postprocessing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads tensors from a safetensors file: an 8-byte little-endian header length, a JSON header
 * mapping names to dtype, shape and byte offsets, then the raw data. F32, F16 and BF16 are read as
 * float32.
 */
final class SafeTensors {
    /** The plugin's one JSON mapper, for safetensors headers and module configuration files. */
    static final ObjectMapper JSON = JsonMapper.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

    private static final long MAX_HEADER = 100L << 20;

    private final Path file;
    private final JsonNode header;
    private final ByteBuffer data;

    private SafeTensors(Path file, JsonNode header, ByteBuffer data) {
        this.file = file;
        this.header = header;
        this.data = data;
    }

    static SafeTensors read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            if (channel.read(length, 0) != 8) {
                throw corrupt(file, "it is shorter than its 8-byte header length");
            }
            long headerLength = length.getLong(0);
            if (headerLength <= 0 || headerLength > MAX_HEADER || 8 + headerLength > channel.size()) {
                throw corrupt(file, "its header length " + headerLength + " does not fit the file");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            channel.read(headerBytes, 8);
            JsonNode header;
            try {
                header = JSON.readTree(new String(headerBytes.array(), StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                throw corrupt(file, "its header is not valid JSON"); // Jackson's message would quote the bytes
            }
            ByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, 8 + headerLength,
                    channel.size() - 8 - headerLength).order(ByteOrder.LITTLE_ENDIAN);
            return new SafeTensors(file, header, data);
        } catch (IOException e) {
            throw corrupt(file, e.getMessage());
        }
    }

    boolean has(String name) {
        return header.has(name);
    }

    /** The tensor {@code name} as float32, after checking it has exactly {@code shape}. */
    float[] floats(String name, long... shape) {
        JsonNode tensor = header.path(name);
        if (tensor.isMissingNode()) {
            throw new ModelDockException(file + " has no tensor " + name);
        }
        long[] actual = new long[tensor.path("shape").size()];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = tensor.path("shape").get(i).asLong();
        }
        if (!Arrays.equals(actual, shape)) {
            throw new ModelDockException(file + ": " + name + " has shape " + Arrays.toString(actual) + ", expected "
                    + Arrays.toString(shape));
        }
        String dtype = tensor.path("dtype").asText();
        int width = switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> throw new ModelDockException(file + ": " + name + " has dtype " + dtype
                    + "; F32, F16 and BF16 are supported");
        };
        long begin = tensor.path("data_offsets").path(0).asLong(-1);
        long end = tensor.path("data_offsets").path(1).asLong(-1);
        int count = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (begin < 0 || end - begin != (long) count * width || end > data.capacity()) {
            throw corrupt(file, name + "'s data offsets [" + begin + ", " + end + ") do not match its shape");
        }
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            int at = (int) begin + i * width;
            values[i] = switch (dtype) {
                case "F32" -> data.getFloat(at);
                case "F16" -> halfToFloat(data.getShort(at));
                default -> Float.intBitsToFloat((data.getShort(at) & 0xffff) << 16);
            };
        }
        return values;
    }

    /** IEEE 754 binary16 to float (Float.float16ToFloat arrived only in Java 20). */
    static float halfToFloat(short half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1f;
        int mantissa = half & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float subnormal = mantissa * 0x1p-24f;
            return sign == 0 ? subnormal : -subnormal;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    private static ModelDockException corrupt(Path file, String why) {
        return new ModelDockException(file + " is not a valid safetensors file: " + why);
    }
}
