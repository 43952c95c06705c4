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
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

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
    /** Negative until computed. */
    private long crc32 = -1;

    private DataFile(ModelProto model, String name, List<Slot> slots, long size) {
        this.model = model;
        this.name = name;
        this.slots = slots;
        this.size = size;
    }

    /**
     * Lays out the values of each main-graph initializer of {@code model} of at least {@code minBytes}
     * in a file named {@code name}.
     */
    public static DataFile named(ModelProto model, String name, long minBytes) {
        return layOut(model, minBytes, name);
    }

    /**
     * The same, in a file named after its content, {@code <stem>-<16 hex>.dat}: its CRC-32C and its
     * CRC-32, 64 bits that two different data files share with a chance of about one in 10^19, so
     * that two models' data files in one folder, such as an Oracle directory, never take each other's
     * name, and the same values always get the same one. A name goes in a zip entry's header, before
     * the file's bytes, so it is taken in a pass over the values in memory first: CRCs, which the
     * processor computes at about 10 GB/s, where a SHA-256 would cost as much as writing the file.
     */
    public static DataFile contentNamed(ModelProto model, String stem, long minBytes) {
        if (!stem.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("'" + stem + "' is not a plain file stem");
        }
        DataFile unnamed = layOut(model, minBytes, "");
        CRC32 crc32 = new CRC32();
        CRC32C crc32c = new CRC32C();
        unnamed.feed((bytes, offset, length) -> {
            crc32.update(bytes, offset, length);
            crc32c.update(bytes, offset, length);
        });
        DataFile named = new DataFile(model, String.format(Locale.ROOT, "%s-%08x%08x.dat", stem, crc32c.getValue(),
                crc32.getValue()), unnamed.slots, unnamed.size);
        named.crc32 = crc32.getValue();
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

    /** The CRC-32 of the file's bytes, which a zip entry declares before them; computed once. */
    public long crc32() {
        if (crc32 < 0) {
            CRC32 crc = new CRC32();
            feed(crc::update);
            crc32 = crc.getValue();
        }
        return crc32;
    }

    /**
     * The SHA-256 of the file's bytes, computed from the values in memory at each call: a pass that
     * can run on a core of its own while the file is written.
     */
    public String sha256() {
        MessageDigest digest = Sha256.newDigest();
        feed(digest::update);
        return Sha256.hex(digest);
    }

    /** Takes a piece of the file's bytes, which it must not keep or change. */
    @FunctionalInterface
    private interface Pieces {
        void accept(byte[] bytes, int offset, int length);
    }

    /** Hands the file's bytes to {@code pieces}, in order. */
    private void feed(Pieces pieces) {
        try {
            writeTo(new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    pieces.accept(bytes, offset, length);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("nothing is written to a file here", e);
        }
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

    /** One key and value of a tensor's {@code external_data}. */
    static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
