package dev.modeldock.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A package is read and unpacked member by member with each member's SHA-256, and one whose members
 * try to leave the folder, repeat, or are not the three kinds of file is refused before a byte is
 * written.
 */
class ExternalDataPackageTest {
    @TempDir
    Path work;

    @Test
    void aPackageIsReadAndUnpackedWithEachMembersSha256() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("model.onnx", "graph");
        files.put("model-0123456789abcdef.dat", "weights");
        files.put("model_external_data.json", "{}");
        Path zip = zip(files);
        List<ExternalDataPackage.Member> members = ExternalDataPackage.read(zip);
        assertEquals(List.of("model.onnx", "model-0123456789abcdef.dat", "model_external_data.json"),
                members.stream().map(ExternalDataPackage.Member::name).toList());
        assertEquals(Sha256.of("weights".getBytes(StandardCharsets.UTF_8)), members.get(1).sha256());
        assertEquals(7, members.get(1).bytes());

        Path folder = work.resolve("out");
        assertEquals(members, ExternalDataPackage.unpack(zip, folder));
        assertEquals("graph", Files.readString(folder.resolve("model.onnx")));
        assertEquals("model.onnx", ExternalDataPackage.model(members).name());
        assertEquals("model_external_data.json", ExternalDataPackage.descriptor(members).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape.dat", "/etc/escape.dat", "sub/model.dat", ".hidden.dat", "model.txt",
            "C:\\\\escape.dat"})
    void aMemberThatIsNotAPlainFileOfTheThreeKindsIsRefusedBeforeAnythingIsWritten(String name) throws Exception {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("model.onnx", "graph");
        members.put(name, "weights");
        members.put("model_external_data.json", "{}");
        Path zip = zip(members);
        Path folder = work.resolve("out");
        ModelDockException e = assertThrows(ModelDockException.class, () -> ExternalDataPackage.unpack(zip, folder));
        assertTrue(e.getMessage().contains("is not a model with external data: member '"), e.getMessage());
        try (Stream<Path> written = Files.walk(work)) {
            assertEquals(List.of(), written.filter(Files::isRegularFile).filter(path -> !path.equals(zip)).toList());
        }
    }

    @Test
    void aPackageWithoutItsDescriptorOrDataIsRefused() throws Exception {
        Path zip = zip(Map.of("model.onnx", "graph", "model.dat", "weights"));
        ModelDockException e = assertThrows(ModelDockException.class, () -> ExternalDataPackage.read(zip));
        assertTrue(e.getMessage().contains("it holds 1 .onnx file(s), 1 .dat file(s) and 0 descriptor(s)"),
                e.getMessage());
    }

    @Test
    void aFileThatIsNotAZipIsRefusedNamingIt() throws Exception {
        Path notZip = Files.writeString(work.resolve("model.zip"), "not a zip");
        ModelDockException e = assertThrows(ModelDockException.class, () -> ExternalDataPackage.read(notZip));
        assertTrue(e.getMessage().startsWith("model.zip is not a zip file"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    private Path zip(Map<String, String> members) throws IOException {
        Path zip = work.resolve("package-" + members.hashCode() + ".zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Map.Entry<String, String> member : members.entrySet()) {
                out.putNextEntry(new ZipEntry(member.getKey()));
                out.write(member.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }
}
