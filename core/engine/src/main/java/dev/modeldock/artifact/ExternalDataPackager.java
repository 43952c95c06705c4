package dev.modeldock.artifact;

import dev.modeldock.config.Json;
import dev.modeldock.onnx.ExternalTensor;
import dev.modeldock.plugin.ExternalDataPackage;
import dev.modeldock.plugin.ExternalDataPackage.Member;
import dev.modeldock.plugin.Sha256;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the {@link ExternalDataPackage} of a model whose weights {@code ExternalData} put in data
 * files: the ONNX file, the data files and the descriptor Oracle reads, in one zip. The zip's bytes
 * depend on the files' bytes alone (stored, not compressed: the weights would not shrink; every entry
 * dated 1980-01-01), so the same conversion gives the same package.
 */
public final class ExternalDataPackager {
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
    private static final int BUFFER_BYTES = 1 << 20;

    private ExternalDataPackager() {
    }

    /**
     * A written package.
     *
     * @param sha256  the zip's own SHA-256, computed as it was written
     * @param members its files with their SHA-256s, in the zip's order
     */
    public record Packed(String sha256, List<Member> members) {
        public Packed {
            members = List.copyOf(members);
        }
    }

    /**
     * Packs {@code onnx}, the data files its {@code tensors} lie in (beside it), and their descriptor
     * {@code <onnx stem>_external_data.json} into {@code zip}, then deletes the loose files.
     */
    public static Packed pack(Path onnx, List<ExternalTensor> tensors, Path zip) throws IOException {
        String stem = onnx.getFileName().toString().replaceFirst("\\.onnx$", "");
        Path descriptor = onnx.resolveSibling(stem + ExternalDataPackage.DESCRIPTOR_SUFFIX);
        Files.writeString(descriptor, descriptor(onnx.getFileName().toString(), tensors), StandardCharsets.UTF_8);
        Set<Path> files = new LinkedHashSet<>();
        files.add(onnx);
        tensors.forEach(tensor -> files.add(onnx.resolveSibling(tensor.location())));
        files.add(descriptor);
        List<Member> members = new ArrayList<>();
        // Hashed on its way out: reading a 2 GB zip back for its digest would cost as much again.
        MessageDigest zipDigest = Sha256.newDigest();
        try (ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(new DigestOutputStream(
                Files.newOutputStream(zip, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), zipDigest),
                BUFFER_BYTES))) {
            for (Path file : files) {
                members.add(store(file, out));
            }
        }
        for (Path file : files) {
            Files.delete(file);
        }
        return new Packed(Sha256.hex(zipDigest), members);
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

    /** One stored entry: a first read for the CRC a stored entry must declare up front, a second to copy. */
    private static Member store(Path file, ZipOutputStream out) throws IOException {
        CRC32 crc = new CRC32();
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[BUFFER_BYTES];
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        ZipEntry entry = new ZipEntry(file.getFileName().toString());
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(size);
        entry.setCompressedSize(size);
        entry.setCrc(crc.getValue());
        entry.setTimeLocal(ENTRY_TIME);
        out.putNextEntry(entry);
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(out); // leaves the zip open for the next entry
        }
        out.closeEntry();
        return new Member(entry.getName(), Sha256.hex(digest), size);
    }
}
