package dev.modeldock.service;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.modeldock.plugin.ExportRequest.Layout;
import dev.modeldock.plugin.ExternalDataPackage;
import dev.modeldock.plugin.ExternalDataPackage.Member;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.Version;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The files of a version: one ONNX file, or a package of the model with its external data, whose
 * members the version records with their SHA-256s (its {@code files} JSON) so that each is checked
 * again whenever the package leaves the registry.
 */
public final class VersionFiles {
    private VersionFiles() {
    }

    /** The members as the version records them, JSON text; null for one ONNX file. */
    static String json(List<Member> packaged) {
        if (packaged.isEmpty()) {
            return null;
        }
        return Json.write(packaged.stream().map(Member::toMap).toList());
    }

    /** The package's members, in the zip's order; empty for one ONNX file. */
    public static List<Member> of(Version version) {
        if (version.files() == null) {
            return List.of();
        }
        List<Map<String, Object>> members = Json.MAPPER.convertValue(Json.tree(version.files()),
                new TypeReference<List<Map<String, Object>>>() { });
        return members.stream().map(Member::fromMap).toList();
    }

    /** One ONNX file, or a package. */
    public static Layout layout(Version version) {
        return version.files() == null ? Layout.ONNX : Layout.EXTERNAL_DATA_PACKAGE;
    }

    /** The artifact's file extension: {@code .onnx}, or {@code .zip} for a package. */
    public static String extension(Version version) {
        return layout(version) == Layout.ONNX ? ".onnx" : ".zip";
    }

    /** The size of the ONNX file Oracle imports: the whole artifact, or a package's {@code .onnx} member. */
    static long modelBytes(Version version) {
        List<Member> packaged = of(version);
        return packaged.isEmpty() ? version.sizeBytes() : ExternalDataPackage.model(packaged).bytes();
    }

    /**
     * The ONNX file within the artifact's bytes: {@code artifact} itself, or a package's {@code .onnx}
     * member, read from the zip as it streams past. Closing the result closes {@code artifact}.
     */
    static InputStream model(Version version, InputStream artifact) throws IOException {
        List<Member> packaged = of(version);
        if (packaged.isEmpty()) {
            return artifact;
        }
        String name = ExternalDataPackage.model(packaged).name();
        ZipInputStream zip = new ZipInputStream(artifact);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (entry.getName().equals(name)) {
                return zip;
            }
        }
        zip.close();
        throw new ModelDockException("the package of " + version.model() + " version " + version.number()
                + " has no member " + name + "; the registry's copy is damaged: file the version again");
    }

    /**
     * Reads every member of a package copied out of the registry and compares it with what the version
     * recorded; nothing for one ONNX file, whose SHA-256 the copy already checked.
     *
     * @throws ModelDockException naming the first member that differs
     */
    static void verify(Version version, Path copy) throws IOException {
        List<Member> recorded = of(version);
        if (recorded.isEmpty()) {
            return;
        }
        List<Member> read = ExternalDataPackage.read(copy);
        if (!read.equals(recorded)) {
            throw new ModelDockException("the package of " + version.model() + " version " + version.number()
                    + " holds " + read + ", not the files recorded when it was filed, " + recorded
                    + "; the registry's copy is damaged: file the version again");
        }
    }
}
