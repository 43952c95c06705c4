package dev.modeldock.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * <p>Writing: {@link #write} puts the large initializers in one data file beside the model, laid out
 * by {@link DataFile}; for a model that is only read and deleted, weights still in a source's data
 * file ({@link WeightOrigins}) are named there through links instead.
 */
public final class ExternalData {
    /** The largest tensor read into memory: one protobuf {@code bytes} field. */
    private static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE - 8;
    /** The most bytes read from a data file at once. */
    private static final int CHUNK_BYTES = 1 << 20;
    /** Between a written model's file name and a link's number, for the links {@link #write} makes. */
    private static final String SOURCE_LINK = "_source_";

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
    private final boolean mapped;
    private final WeightOrigins origins;

    private ExternalData(String file, Files files, boolean mapped, WeightOrigins origins) {
        this.file = file;
        this.files = files;
        this.mapped = mapped;
        this.origins = origins;
    }

    /**
     * The model with every external initializer of its main graph read into {@code raw_data}.
     *
     * @param file    what messages call the model
     * @param mapped  leave the values where they lie in a read-only mapping of their file rather than
     *                copy them onto the heap: for a model source, which ModelDock never changes
     * @param origins where mapped values are recorded as read from
     * @throws ModelStructureException naming the tensor, for a location that leaves the folder or a
     *                                 range that does not hold the tensor's values
     */
    static ModelProto inline(String file, ModelProto model, Files files, boolean mapped, WeightOrigins origins)
            throws IOException {
        if (model.getGraph().getInitializerList().stream().noneMatch(ExternalData::external)) {
            return model;
        }
        ExternalData reader = new ExternalData(file, files, mapped, origins);
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
     * {@code minBytes} in {@code <file name>_data} beside it ({@link DataFile}).
     *
     * @return the model as written: those initializers reference the data file and hold no values, so
     *         the caller can let go of {@code model} and read each weight back when it needs it
     *         ({@link #floats}), rather than hold every weight at once
     */
    public static ModelProto write(ModelProto model, Path file, long minBytes) throws IOException {
        return write(model, file, minBytes, new WeightOrigins());
    }

    /**
     * The same, except that an initializer whose values a mapped read left in a source's data file
     * at a page boundary ({@code origins}) names that file through a link beside {@code file}
     * ({@code <file name>_source_<n>}) instead of being copied: a model to be read by ONNX Runtime and
     * deleted, such as a conversion's float32 reference (2.24 GB not written). Where links cannot be
     * made, the values are copied as {@link #write(ModelProto, Path, long)} copies them.
     * {@link #delete} removes the file, its data file and the links.
     */
    public static ModelProto write(ModelProto model, Path file, long minBytes, WeightOrigins origins)
            throws IOException {
        ModelProto linked = linkedToOrigins(model, file, minBytes, origins);
        DataFile data = DataFile.named(linked, dataFile(file).getFileName().toString(), minBytes);
        try (OutputStream out = java.nio.file.Files.newOutputStream(dataFile(file))) {
            data.writeTo(out);
        }
        ModelProto written = data.referencing();
        OnnxModels.write(written, file);
        return written;
    }

    /** {@code model} with the initializers {@code origins} knows referencing their source through links. */
    private static ModelProto linkedToOrigins(ModelProto model, Path file, long minBytes, WeightOrigins origins)
            throws IOException {
        Map<Path, String> links = new LinkedHashMap<>();
        GraphProto.Builder graph = model.getGraph().toBuilder();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            TensorProto tensor = graph.getInitializer(i);
            var origin = origins.of(tensor.getRawData()).filter(o -> o.length() >= minBytes
                    && o.offset() % DataFile.ALIGNMENT == 0); // where ONNX Runtime maps rather than copies
            if (origin.isEmpty()) {
                continue;
            }
            String link = links.get(origin.get().file());
            if (link == null) {
                Path made = link(file, links.size());
                link = made.getFileName().toString();
                try {
                    java.nio.file.Files.createSymbolicLink(made, origin.get().file().toAbsolutePath());
                } catch (UnsupportedOperationException | IOException e) {
                    delete(file); // Windows without the privilege, say: copy the values after all
                    return model;
                }
                links.put(origin.get().file(), link);
            }
            graph.setInitializer(i, tensor.toBuilder().clearRawData()
                    .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                    .addExternalData(DataFile.entry("location", link))
                    .addExternalData(DataFile.entry("offset", String.valueOf(origin.get().offset())))
                    .addExternalData(DataFile.entry("length", String.valueOf(origin.get().length()))));
        }
        return model.toBuilder().setGraph(graph).build();
    }

    /** Deletes what {@link #write} wrote as {@code file}: the file, its data file and its links (never their targets). */
    public static void delete(Path file) throws IOException {
        java.nio.file.Files.deleteIfExists(file);
        java.nio.file.Files.deleteIfExists(dataFile(file));
        int n = 0;
        while (java.nio.file.Files.deleteIfExists(link(file, n))) {
            n++; // the links are numbered from 0 with no gaps
        }
    }

    /** The {@code n}th link {@link #write} makes beside {@code file}. */
    private static Path link(Path file, int n) {
        return file.resolveSibling(file.getFileName() + SOURCE_LINK + n);
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
        ExternalData reader = new ExternalData(file.getFileName().toString(), file::resolveSibling, false,
                new WeightOrigins());
        return reader.read(tensor, (data, channel, offset, length) -> {
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
        return inline(file.getFileName().toString(), model, file::resolveSibling, false, new WeightOrigins());
    }

    /** The data file {@link #write} puts beside {@code file}: {@code model.onnx_data} for {@code model.onnx}. */
    public static Path dataFile(Path file) {
        return file.resolveSibling(file.getFileName() + "_data");
    }

    private static boolean external(TensorProto tensor) {
        return tensor.getDataLocation() == TensorProto.DataLocation.EXTERNAL;
    }

    private ByteString values(TensorProto tensor) throws IOException {
        return read(tensor, (data, channel, offset, length) -> {
            if (mapped) {
                ByteString values = UnsafeByteOperations.unsafeWrap(channel.map(FileChannel.MapMode.READ_ONLY,
                        offset, length));
                origins.record(values, new WeightOrigins.Origin(data, offset, length));
                return values;
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) length);
            readFully(channel, bytes, offset, tensor);
            return UnsafeByteOperations.unsafeWrap(bytes.array()); // the array is never written again
        });
    }

    /** Reads a tensor's values from where its reference says, once the reference is checked. */
    @FunctionalInterface
    private interface RangeReader<T> {
        T read(Path data, FileChannel channel, long offset, long length) throws IOException;
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
            return reader.read(data, channel, offset, length);
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
