package dev.modeldock.export.file;

import dev.modeldock.plugin.ExportRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Artifacts and requests for export tests. */
final class ExportFixtures {
    static final String METADATA = "{\"function\":\"embedding\",\"pooling\":\"Mean Pooling\",\"note\":\"caf\u00e9\"}";

    private ExportFixtures() {
    }

    /** A stand-in artifact: bytes that are not all the same, so a partial copy shows. */
    static Path artifact(Path folder, int size, int seed) throws IOException {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        Files.createDirectories(folder);
        return Files.write(folder.resolve("artifact-" + seed + ".onnx"), bytes);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ExportRequest request(String name, Path artifact, Path outputDir) throws IOException {
        return new ExportRequest(name, artifact, sha256(Files.readAllBytes(artifact)), METADATA,
                Map.of("output_dir", outputDir.toString()));
    }

    /** The names in {@code folder}, sorted. */
    static List<String> listing(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
