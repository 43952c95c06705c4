package dev.modeldock.artifact;

import dev.modeldock.config.Json;
import dev.modeldock.onnx.DataFile;
import dev.modeldock.onnx.ExternalTensor;
import dev.modeldock.plugin.ExternalDataPackage;
import dev.modeldock.plugin.ExternalDataPackage.Member;
import dev.modeldock.plugin.Sha256;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the {@link ExternalDataPackage} of a model whose weights a {@link DataFile} lays out: the
 * ONNX file, the data file and the descriptor Oracle reads, in one zip, each written once, straight
 * from memory. The data file is stored uncompressed (the weights would not shrink) with its first
 * byte on a 4096-byte boundary of the zip, as Android's zipalign aligns an entry, so that the package
 * can be run where it lies ({@link DataFile#referencing(String, long)}) rather than unpacked. The
 * zip's bytes depend on the files' bytes alone (every entry dated 1980-02-01), so the same conversion
 * gives the same package.
 */
public final class ExternalDataPackager {
    /**
     * Every entry's date, as Gradle dates its reproducible archives: 1980-01-01 itself is where DOS
     * time begins, and the JDK then adds an extended timestamp field to each header.
     */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);
    private static final int BUFFER_BYTES = 1 << 20;
    /** A zip local file header's fixed part: what precedes the entry's name and extra field. */
    private static final int LOCAL_HEADER_BYTES = 30;
    /** zipalign's extra field: this ID, its data's length, the alignment, then zeros; readers skip it. */
    private static final short ALIGNMENT_EXTRA_ID = (short) 0xD935;
    private static final int ALIGNMENT_EXTRA_MIN_BYTES = 6;

    private ExternalDataPackager() {
    }

    /**
     * A written package.
     *
     * @param sha256    the zip's own SHA-256, computed as it was written
     * @param members   its files with their SHA-256s, in the zip's order
     * @param dataStart where the data file's bytes start in the zip
     */
    public record Packed(String sha256, List<Member> members, long dataStart) {
        public Packed {
            members = List.copyOf(members);
        }
    }

    /**
     * Writes {@code zip}: {@code <stem>.onnx} (the model referencing {@code data}), the data file, and
     * their descriptor {@code <stem>_external_data.json}.
     */
    public static Packed pack(String stem, DataFile data, Path zip) throws IOException {
        String onnx = stem + ExternalDataPackage.MODEL_SUFFIX;
        List<Member> members = new ArrayList<>();
        // Hashed on its way out: reading a 2 GB zip back for its digest would cost as much again. The
        // data file's own SHA-256 is taken from memory on another core meanwhile.
        MessageDigest zipDigest = Sha256.newDigest();
        CompletableFuture<String> dataSha256 = CompletableFuture.supplyAsync(data::sha256);
        long dataStart;
        try (CountingStream counted = new CountingStream(new BufferedOutputStream(new DigestOutputStream(
                Files.newOutputStream(zip, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), zipDigest),
                BUFFER_BYTES)); ZipOutputStream out = new ZipOutputStream(counted)) {
            members.add(store(out, onnx, data.referencing().toByteArray()));
            ZipEntry entry = storedEntry(data.name(), data.size(), data.crc32());
            entry.setExtra(alignmentExtra(counted.count + LOCAL_HEADER_BYTES + utf8(data.name()).length));
            out.putNextEntry(entry);
            dataStart = counted.count;
            data.writeTo(out); // the zip checks the CRC-32 again as the bytes pass
            out.closeEntry();
            members.add(new Member(data.name(), dataSha256.join(), data.size()));
            members.add(store(out, stem + ExternalDataPackage.DESCRIPTOR_SUFFIX, utf8(descriptor(onnx,
                    data.tensors()))));
        }
        return new Packed(Sha256.hex(zipDigest), members, dataStart);
    }

    /**
     * The descriptor: the ONNX file's name, then for each external initializer its name, element
     * type, shape, data file, offset and size in bytes.
     */
    static String descriptor(String model, List<ExternalTensor> tensors) {
        List<Map<String, Object>> initializers = new ArrayList<>();
        for (ExternalTensor tensor : tensors) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", tensor.name());
            entry.put("type", tensor.type().name());
            entry.put("shape", tensor.shape());
            entry.put("location", tensor.location());
            entry.put("offset", tensor.offset());
            entry.put("size", tensor.bytes());
            initializers.add(entry);
        }
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("model", model);
        descriptor.put("initializers", initializers);
        return Json.write(descriptor);
    }

    private static Member store(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        out.putNextEntry(storedEntry(name, bytes.length, crc.getValue()));
        out.write(bytes);
        out.closeEntry();
        return new Member(name, Sha256.of(bytes), bytes.length);
    }

    private static ZipEntry storedEntry(String name, long size, long crc) {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(size);
        entry.setCompressedSize(size);
        entry.setCrc(crc);
        entry.setTimeLocal(ENTRY_TIME);
        return entry;
    }

    /** The extra field that moves the entry's data from {@code unaligned} to the next 4096-byte boundary. */
    private static byte[] alignmentExtra(long unaligned) {
        int padding = (int) Math.floorMod(-unaligned, DataFile.ALIGNMENT);
        if (padding < ALIGNMENT_EXTRA_MIN_BYTES) {
            padding += (int) DataFile.ALIGNMENT;
        }
        return ByteBuffer.allocate(padding).order(ByteOrder.LITTLE_ENDIAN).putShort(ALIGNMENT_EXTRA_ID)
                .putShort((short) (padding - 4)).putShort((short) DataFile.ALIGNMENT).array();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Counts what the zip writes, for where an entry's data starts. */
    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }
    }
}
