package dev.modeldock.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * ONNX's external data: the initializers of a model's main graph whose values live in files beside
 * it ({@code data_location: EXTERNAL}, with {@code location}, {@code offset} and {@code length}), as
 * exporters write models past protobuf's 2 GB ({@code model.onnx} with {@code model.onnx_data}).
 *
 * <p>Reading: each location must be a plain relative path, the file it names is resolved by the
 * caller (who confines it to the model's folder), and the range must lie inside that file and hold
 * exactly the tensor's declared values. External tensors anywhere else (a Constant, a subgraph, a
 * function) are left as they are, for {@link ModelChecks}' external-data rule to refuse.
 *
 * <p>Writing: {@link #write} puts the large initializers in one data file beside the model and says
 * where each went ({@link ExternalTensor}).
 */
public final class ExternalData {
    /** The largest tensor read into memory: one protobuf {@code bytes} field. */
    private static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE - 8;
    /** Where a tensor's values start in a data file written here: a page boundary. */
    private static final long ALIGNMENT = 4096;
    /** The most bytes written to, or read from, a data file at once. */
    private static final int CHUNK_BYTES = 1 << 20;

    /** Finds the file an external location names, or refuses it. */
    @FunctionalInterface
    public interface Files {
        /**
         * @param location a relative path with '/' separators and no '..' (checked before the call)
         * @return the file, inside the model's folder
         * @throws ModelDockException when there is no such file, or it lies outside the folder
         */
        Path resolve(String location);
    }

    private final String file;
    private final Files files;

    private ExternalData(String file, Files files) {
        this.file = file;
        this.files = files;
    }

    /**
     * The model with every external initializer of its main graph read into {@code raw_data}.
     *
     * @param file what messages call the model
     * @throws ModelStructureException naming the tensor, for a location that leaves the folder or a
     *                                 range that does not hold the tensor's values
     */
    static ModelProto inline(String file, ModelProto model, Files files) throws IOException {
        if (model.getGraph().getInitializerList().stream().noneMatch(ExternalData::external)) {
            return model;
        }
        ExternalData reader = new ExternalData(file, files);
        GraphProto.Builder graph = model.getGraph().toBuilder();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            TensorProto tensor = graph.getInitializer(i);
            if (external(tensor)) {
                graph.setInitializer(i, tensor.toBuilder().clearExternalData().clearDataLocation()
                        .setRawData(reader.values(tensor)));
            }
        }
        return model.toBuilder().setGraph(graph).build();
    }

    /**
     * Writes {@code model} as {@code file}, with the values of each main-graph initializer of at least
     * {@code minBytes} in {@code <file name>_data} beside it, as {@link #place}.
     *
     * @return the model as written: those initializers reference the data file and hold no values, so
     *         the caller can let go of {@code model} and read each weight back when it needs it
     *         ({@link #floats}), rather than hold every weight at once
     */
    public static ModelProto write(ModelProto model, Path file, long minBytes) throws IOException {
        String dataName = dataFile(file).getFileName().toString();
        return place(model, file, dataName, minBytes, digest -> dataName).written();
    }

    /**
     * The values of a float32 initializer that {@link #write} put beside {@code file}, read a chunk at a
     * time straight into the array: a large table is never in memory twice, as bytes and as floats.
     *
     * @throws ModelStructureException when its reference does not hold the tensor's values
     */
    public static float[] floats(TensorProto tensor, Path file) throws IOException {
        if (tensor.getDataType() != DataType.FLOAT_VALUE || !external(tensor)) {
            throw new IllegalArgumentException("'" + tensor.getName() + "' is not a float32 tensor in external data");
        }
        return new ExternalData(file.getFileName().toString(), file::resolveSibling).read(tensor, (channel, offset,
                length) -> {
            float[] values = new float[(int) (length / Float.BYTES)];
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int done = 0; done < values.length; ) {
                chunk.clear().limit((int) Math.min(CHUNK_BYTES, (long) (values.length - done) * Float.BYTES));
                readFully(channel, chunk, offset + (long) done * Float.BYTES, tensor);
                FloatBuffer floats = chunk.flip().asFloatBuffer();
                int count = floats.remaining();
                floats.get(values, done, count);
                done += count;
            }
            return values;
        });
    }

    /** {@code model} with the initializers {@link #write} put beside {@code file} read back into it. */
    public static ModelProto inlined(ModelProto model, Path file) throws IOException {
        return inline(file.getFileName().toString(), model, file::resolveSibling);
    }

    /**
     * Writes {@code model} as {@code file}, with the values of each main-graph initializer of at least
     * {@code minBytes} in a data file beside it named after its content, {@code <stem>-<16 hex>.dat}
     * (the start of the SHA-256 of the values, in order): two models' data files in one folder, such as
     * an Oracle directory, never take each other's name, and the same values always get the same one.
     */
    public static List<ExternalTensor> writeContentNamed(ModelProto model, Path file, String stem, long minBytes)
            throws IOException {
        if (!stem.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("'" + stem + "' is not a plain file stem");
        }
        return place(model, file, "." + stem + ".dat.part", minBytes,
                digest -> stem + "-" + Sha256.hex(digest).substring(0, 16) + ".dat").tensors();
    }

    /**
     * Writes the values to {@code partName} beside {@code file}, each at an offset aligned to 4096 bytes
     * (ONNX Runtime maps aligned data instead of copying it), in chunks of at most {@value #CHUNK_BYTES}
     * bytes, so that the JDK's temporary direct buffer for a write stays that small rather than the
     * size of the largest tensor; then renames it to the name {@code naming} gives for the digest of the
     * values, and writes the model naming it.
     *
     * @return the model as written, and the tensors placed in the data file in the order of the graph's
     *         initializers
     */
    private static Placed place(ModelProto model, Path file, String partName, long minBytes,
            Function<MessageDigest, String> naming) throws IOException {
        Path part = file.resolveSibling(partName);
        GraphProto.Builder graph = model.getGraph().toBuilder();
        MessageDigest digest = Sha256.newDigest();
        // By initializer index, each placed under the temporary name until the data file has its own.
        Map<Integer, ExternalTensor> placed = new LinkedHashMap<>();
        try (FileChannel data = FileChannel.open(part, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            long end = 0;
            for (int i = 0; i < graph.getInitializerCount(); i++) {
                TensorProto tensor = graph.getInitializer(i);
                ByteString values = tensor.getRawData();
                if (values.size() < minBytes || external(tensor)) {
                    continue;
                }
                long offset = (end + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
                for (int from = 0; from < values.size(); from += CHUNK_BYTES) {
                    // slice(): a substring's buffer starts at its place in the backing array, not at 0.
                    ByteBuffer chunk = values.substring(from, Math.min(values.size(), from + CHUNK_BYTES))
                            .asReadOnlyByteBuffer().slice();
                    digest.update(chunk.duplicate());
                    while (chunk.hasRemaining()) {
                        data.write(chunk, offset + from + chunk.position());
                    }
                }
                end = offset + values.size();
                placed.put(i, new ExternalTensor(tensor.getName(), DataType.forNumber(tensor.getDataType()),
                        tensor.getDimsList(), partName, offset, values.size()));
            }
        }
        String dataName = naming.apply(digest);
        if (!dataName.equals(partName)) {
            java.nio.file.Files.move(part, file.resolveSibling(dataName), StandardCopyOption.REPLACE_EXISTING);
        }
        List<ExternalTensor> named = new ArrayList<>();
        for (Map.Entry<Integer, ExternalTensor> entry : placed.entrySet()) {
            ExternalTensor tensor = entry.getValue().in(dataName);
            named.add(tensor);
            graph.setInitializer(entry.getKey(), graph.getInitializer(entry.getKey()).toBuilder().clearRawData()
                    .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                    .addExternalData(entry("location", dataName))
                    .addExternalData(entry("offset", String.valueOf(tensor.offset())))
                    .addExternalData(entry("length", String.valueOf(tensor.bytes()))));
        }
        ModelProto written = model.toBuilder().setGraph(graph).build();
        OnnxModels.write(written, file);
        return new Placed(written, List.copyOf(named));
    }

    /** A model written with external data, and where its values went. */
    private record Placed(ModelProto written, List<ExternalTensor> tensors) {
    }

    /** The data file {@link #write} puts beside {@code file}: {@code model.onnx_data} for {@code model.onnx}. */
    public static Path dataFile(Path file) {
        return file.resolveSibling(file.getFileName() + "_data");
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private static boolean external(TensorProto tensor) {
        return tensor.getDataLocation() == TensorProto.DataLocation.EXTERNAL;
    }

    private ByteString values(TensorProto tensor) throws IOException {
        return read(tensor, (channel, offset, length) -> {
            ByteBuffer bytes = ByteBuffer.allocate((int) length);
            readFully(channel, bytes, offset, tensor);
            return UnsafeByteOperations.unsafeWrap(bytes.array()); // the array is never written again
        });
    }

    /** Reads a tensor's values from where its reference says, once the reference is checked. */
    @FunctionalInterface
    private interface RangeReader<T> {
        T read(FileChannel channel, long offset, long length) throws IOException;
    }

    /**
     * Checks the tensor's reference (a plain location inside the folder, a range inside the file that
     * holds exactly the values its type and shape need), then reads the range.
     */
    private <T> T read(TensorProto tensor, RangeReader<T> reader) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        for (StringStringEntryProto entry : tensor.getExternalDataList()) {
            entries.put(entry.getKey(), entry.getValue());
        }
        String location = entries.getOrDefault("location", "");
        refuseUnsafe(tensor, location);
        Path data = files.resolve(location);
        long offset = number(tensor, entries, "offset", 0);
        try (FileChannel channel = FileChannel.open(data, StandardOpenOption.READ)) {
            long size = channel.size();
            long length = number(tensor, entries, "length", size - offset);
            if (offset > size || length > size - offset) {
                throw refuse(tensor, "its external data is bytes " + offset + " to " + (offset + length) + " of '"
                        + location + "', which holds " + size + " bytes", "Export the model again: the data file is"
                        + " truncated or belongs to another model");
            }
            long expected = expectedBytes(tensor);
            if (length != expected) {
                throw refuse(tensor, "its external data is " + length + " bytes, but its type and shape need "
                        + expected, "Export the model again: the tensor and its data disagree");
            }
            return reader.read(channel, offset, length);
        }
    }

    /** Fills {@code buffer} from {@code position} on. */
    private static void readFully(FileChannel channel, ByteBuffer buffer, long position, TensorProto tensor)
            throws IOException {
        int start = buffer.position();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position() - start) < 0) {
                throw new IOException("the data file ended while reading tensor '" + tensor.getName() + "'");
            }
        }
    }

    /** A location is a path below the model's folder: relative, without '..', in '/' form. */
    private void refuseUnsafe(TensorProto tensor, String location) {
        boolean unsafe = location.isBlank() || location.startsWith("/") || location.startsWith("\\")
                || location.matches("^[A-Za-z]:.*") || location.indexOf('\0') >= 0 || location.contains("\\")
                || Arrays.asList(location.split("/")).contains("..");
        if (unsafe) {
            throw refuse(tensor, "its external data location '" + location + "' is not a plain relative path inside"
                    + " the model's folder", "Keep the data files beside the model and name them relative to it"
                    + " (e.g. model.onnx_data)");
        }
    }

    private long number(TensorProto tensor, Map<String, String> entries, String key, long absent) {
        String value = entries.get(key);
        if (value == null) {
            return absent;
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number < 0) {
                throw new NumberFormatException("negative");
            }
            return number;
        } catch (NumberFormatException e) {
            throw refuse(tensor, "its external data " + key + " '" + value + "' is not a whole number of bytes",
                    "Export the model again");
        }
    }

    /** The bytes the tensor's values take: its element count times the size of its type. */
    private long expectedBytes(TensorProto tensor) {
        int bits = ElementSizes.bits(tensor.getDataType());
        if (bits <= 0) {
            throw refuse(tensor, "its data_type " + tensor.getDataType() + " has no fixed size, so it cannot be"
                    + " external data", "Keep such tensors inside the model");
        }
        long elements = 1;
        for (long dim : tensor.getDimsList()) {
            if (dim < 0 || (dim > 0 && elements > MAX_TENSOR_BYTES / dim)) {
                throw refuse(tensor, "its shape " + tensor.getDimsList() + " is negative or too large to read",
                        "Export the model again");
            }
            elements *= dim;
        }
        long bytes = (elements * bits + 7) / 8;
        if (bytes > MAX_TENSOR_BYTES) {
            throw refuse(tensor, "it holds " + bytes + " bytes, more than one tensor can in memory ("
                    + MAX_TENSOR_BYTES + ")", "Split the tensor");
        }
        return bytes;
    }

    private ModelStructureException refuse(TensorProto tensor, String problem, String fix) {
        return new ModelStructureException(file, ModelChecks.Rule.EXTERNAL_DATA, "initializer '" + tensor.getName()
                + "'", problem, fix);
    }
}
