package dev.modeldock.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.modeldock.plugin.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The data file of a model's external data, laid out but not yet written: which initializers of the
 * main graph go in it (each of at least a given size), at which offsets (each a multiple of 4096,
 * where ONNX Runtime maps the values instead of copying them), and the model that references it.
 * The values stay where the model holds them until {@link #writeTo} writes the file in one pass, so
 * the file can be written wherever the caller wants it: on its own, or straight into a package.
 */
public final class DataFile {
    /** Where a tensor's values start: a page boundary. */
    public static final long ALIGNMENT = 4096;
    /**
     * The most bytes handed to a stream at once: the JDK copies each write through a native buffer
     * of its size, which must stay small rather than take the size of the largest tensor.
     */
    private static final int CHUNK_BYTES = 1 << 20;
    private static final byte[] ZEROS = new byte[(int) ALIGNMENT];

    /** One initializer's place: its index in the graph, its values, and where they start. */
    private record Slot(int index, ByteString values, long offset) {
    }

    private final ModelProto model;
    private final String name;
    private final List<Slot> slots;
    private final long size;
    private Checksums checksums;

    private DataFile(ModelProto model, String name, List<Slot> slots, long size) {
        this.model = model;
        this.name = name;
        this.slots = slots;
        this.size = size;
    }

    /** What a package declares of a file: its SHA-256 (hex) and the CRC-32 a zip entry carries. */
    public record Checksums(String sha256, long crc32) {
    }

    /**
     * Lays out the values of each main-graph initializer of {@code model} of at least {@code minBytes}
     * in a file named {@code name}.
     */
    public static DataFile named(ModelProto model, String name, long minBytes) {
        return layOut(model, minBytes, name);
    }

    /**
     * The same, in a file named after its content, {@code <stem>-<16 hex>.dat} (the start of its
     * SHA-256): two models' data files in one folder, such as an Oracle directory, never take each
     * other's name, and the same values always get the same one. Costs one pass over the values in
     * memory, whose checksums a package needs anyway.
     */
    public static DataFile contentNamed(ModelProto model, String stem, long minBytes) {
        if (!stem.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("'" + stem + "' is not a plain file stem");
        }
        DataFile unnamed = layOut(model, minBytes, "");
        Checksums checksums = unnamed.checksums();
        DataFile named = new DataFile(model, stem + "-" + checksums.sha256().substring(0, 16) + ".dat", unnamed.slots,
                unnamed.size);
        named.checksums = checksums;
        return named;
    }

    private static DataFile layOut(ModelProto model, long minBytes, String name) {
        List<Slot> slots = new ArrayList<>();
        long end = 0;
        for (int i = 0; i < model.getGraph().getInitializerCount(); i++) {
            TensorProto tensor = model.getGraph().getInitializer(i);
            ByteString values = tensor.getRawData();
            if (values.size() < minBytes || tensor.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                continue;
            }
            long offset = (end + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
            slots.add(new Slot(i, values, offset));
            end = offset + values.size();
        }
        return new DataFile(model, name, List.copyOf(slots), end);
    }

    /** The file's name. */
    public String name() {
        return name;
    }

    /** The file's size in bytes. */
    public long size() {
        return size;
    }

    /** The tensors it holds, in the order of the graph's initializers, each located in this file. */
    public List<ExternalTensor> tensors() {
        List<ExternalTensor> tensors = new ArrayList<>();
        for (Slot slot : slots) {
            TensorProto tensor = model.getGraph().getInitializer(slot.index());
            tensors.add(new ExternalTensor(tensor.getName(), DataType.forNumber(tensor.getDataType()),
                    tensor.getDimsList(), name, slot.offset(), slot.values().size()));
        }
        return tensors;
    }

    /**
     * The model as it is written beside this file: those initializers hold no values but name this
     * file, so the model is small, and the caller can let go of the one it laid out from once the
     * file is written, reading each weight back when it needs it ({@link ExternalData#floats}).
     */
    public ModelProto referencing() {
        return referencing(name, 0);
    }

    /**
     * The model referencing the same bytes where they lie inside another file, from {@code start}
     * on: a package whose data file is stored uncompressed in a zip can be run from the zip itself.
     */
    public ModelProto referencing(String location, long start) {
        GraphProto.Builder graph = model.getGraph().toBuilder();
        for (Slot slot : slots) {
            graph.setInitializer(slot.index(), graph.getInitializer(slot.index()).toBuilder().clearRawData()
                    .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                    .addExternalData(entry("location", location))
                    .addExternalData(entry("offset", String.valueOf(start + slot.offset())))
                    .addExternalData(entry("length", String.valueOf(slot.values().size()))));
        }
        return model.toBuilder().setGraph(graph).build();
    }

    /** The SHA-256 and CRC-32 of the file's bytes, computed once, from the values in memory. */
    public Checksums checksums() {
        if (checksums == null) {
            MessageDigest digest = Sha256.newDigest();
            CRC32 crc = new CRC32();
            try {
                writeTo(new OutputStream() {
                    @Override
                    public void write(int b) {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) {
                        digest.update(bytes, offset, length);
                        crc.update(bytes, offset, length);
                    }
                });
            } catch (IOException e) {
                throw new IllegalStateException("a digest does not fail to write", e);
            }
            checksums = new Checksums(Sha256.hex(digest), crc.getValue());
        }
        return checksums;
    }

    /**
     * Writes the file's bytes, the values with zeros between them up to each offset, in chunks of at
     * most 1 MB. {@code out} is handed the model's own arrays, not copies: it must not keep or change them.
     */
    public void writeTo(OutputStream out) throws IOException {
        ByteOutput chunks = new StreamOutput(out);
        long written = 0;
        for (Slot slot : slots) {
            while (written < slot.offset()) {
                int gap = (int) Math.min(ZEROS.length, slot.offset() - written);
                out.write(ZEROS, 0, gap);
                written += gap;
            }
            ByteString values = slot.values();
            for (int from = 0; from < values.size(); from += CHUNK_BYTES) {
                // ByteString.writeTo(OutputStream) would copy each chunk first, to keep its array from the stream.
                UnsafeByteOperations.unsafeWriteTo(values.substring(from, Math.min(values.size(), from + CHUNK_BYTES)),
                        chunks);
            }
            written += values.size();
        }
    }

    /** Hands protobuf's arrays to the stream as they are (see {@link #writeTo}). */
    private static final class StreamOutput extends ByteOutput {
        private final OutputStream out;
        private final byte[] transfer = new byte[CHUNK_BYTES];

        StreamOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(byte value) throws IOException {
            out.write(value);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void writeLazy(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void write(ByteBuffer bytes) throws IOException {
            if (bytes.hasArray()) {
                out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                bytes.position(bytes.limit());
                return;
            }
            // A source's weights, mapped from its file: a stream takes arrays, so through one of ours.
            while (bytes.hasRemaining()) {
                int length = Math.min(transfer.length, bytes.remaining());
                bytes.get(transfer, 0, length);
                out.write(transfer, 0, length);
            }
        }

        @Override
        public void writeLazy(ByteBuffer bytes) throws IOException {
            write(bytes);
        }
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
