package dev.modeldock.export.oracle;

import dev.modeldock.plugin.ExportRequest;
import dev.modeldock.plugin.ExternalDataPackage;
import dev.modeldock.plugin.ExternalDataPackage.Member;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The artifact as files: the ONNX file itself, or a package with external data unpacked into a
 * temporary folder, its ONNX file beside its data so ONNX Runtime can run it locally, and each member
 * ready to be sent. Closing it deletes the folder.
 */
final class UnpackedModel implements AutoCloseable {
    private final Path onnx;
    private final Path folder;
    private final List<Member> members;

    private UnpackedModel(Path onnx, Path folder, List<Member> members) {
        this.onnx = onnx;
        this.folder = folder;
        this.members = members;
    }

    static UnpackedModel of(ExportRequest request) throws IOException {
        if (request.layout() != ExportRequest.Layout.EXTERNAL_DATA_PACKAGE) {
            return new UnpackedModel(request.model(), null, List.of());
        }
        Path folder = Files.createTempDirectory("modeldock-oracle-package-");
        try {
            List<Member> members = ExternalDataPackage.unpack(request.model(), folder);
            return new UnpackedModel(folder.resolve(ExternalDataPackage.model(members).name()), folder, members);
        } catch (IOException | RuntimeException e) {
            delete(folder);
            throw e;
        }
    }

    /** The ONNX file, to run locally. */
    Path onnx() {
        return onnx;
    }

    /** The package's members, empty for a single ONNX file. */
    List<Member> members() {
        return members;
    }

    /** Where a member was unpacked. */
    Path file(Member member) {
        return folder.resolve(member.name());
    }

    @Override
    public void close() {
        if (folder != null) {
            delete(folder);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A temporary folder: what cannot be deleted now is the temporary folder's, not the user's, to lose.
            folder.toFile().deleteOnExit();
        }
    }
}
