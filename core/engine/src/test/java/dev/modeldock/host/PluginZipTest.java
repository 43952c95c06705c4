package dev.modeldock.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.testkit.thirdparty.HostileZips;
import dev.modeldock.testkit.thirdparty.ThirdPartyPlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one unpacker of plugin zips against zips made to escape its folder or to exhaust the disk. */
class PluginZipTest {
    private static final ZipLimits SMALL = new ZipLimits(1 << 20, 4 << 20, 100);
    private static final ThirdPartyPlugin PLUGIN = ThirdPartyPlugin.postProcessor("acme-zip", "Zipped");

    @TempDir
    Path temp;

    @Test
    void aWellFormedPluginZipUnpacksFileForFile() throws IOException {
        Path into = temp.resolve("into");
        PluginZip.unpack(zip(PLUGIN.zip(true)), into, SMALL, "plugin zip");
        for (Map.Entry<String, byte[]> file : PLUGIN.files().entrySet()) {
            assertTrue(java.util.Arrays.equals(file.getValue(), Files.readAllBytes(into.resolve("acme-zip")
                    .resolve(file.getKey()))), file.getKey());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"../escaped.txt", "lib/../../escaped.txt", "/etc/escaped.txt", "C:/escaped.txt",
            "lib\\..\\..\\escaped.txt"})
    void anEntryLeavingTheFolderIsRefusedBeforeAnythingIsWritten(String name) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("plugin.properties", "plugin.id=x\n");
        files.put(name, "owned");
        Path into = temp.resolve("box").resolve("into");

        PluginRefusedException e = assertThrows(PluginRefusedException.class,
                () -> PluginZip.unpack(zip(HostileZips.withEntries(files)), into, SMALL, "plugin zip 'evil.zip'"));
        assertTrue(e.getMessage().startsWith("plugin zip 'evil.zip' has the entry '" + name + "', a path that would"
                + " leave the plugin's folder"), e.getMessage());
        assertFalse(e.tooLarge());
        assertFalse(Files.exists(into), "nothing written");
        assertFalse(Files.exists(temp.resolve("box/escaped.txt")));
    }

    @Test
    void aSymbolicLinkIsRefused() throws IOException {
        Path into = temp.resolve("into");
        PluginRefusedException e = assertThrows(PluginRefusedException.class, () -> PluginZip.unpack(
                zip(HostileZips.withSymlink(PLUGIN, "lib/passwd")), into, SMALL, "plugin zip"));
        assertEquals("plugin zip has the symbolic link 'lib/passwd'; a plugin zip holds only files and folders",
                e.getMessage());
        assertFalse(Files.exists(into));
    }

    @Test
    void aZipBombDeclaringItsSizeIsRefusedFromItsDirectoryBeforeAnythingIsWritten() throws IOException {
        Path bomb = zip(HostileZips.bomb("lib/zeros.bin", 64 << 20, 64 << 20));
        assertTrue(Files.size(bomb) < SMALL.maxZipBytes(), "small on disk: " + Files.size(bomb));
        Path into = temp.resolve("into");

        PluginRefusedException e = assertThrows(PluginRefusedException.class,
                () -> PluginZip.unpack(bomb, into, SMALL, "plugin zip"));
        assertTrue(e.tooLarge());
        assertEquals("plugin zip declares more than 4194304 bytes unpacked, more than a plugin may have",
                e.getMessage());
        assertFalse(Files.exists(into), "nothing written");
    }

    @Test
    void aZipBombLyingAboutItsSizeIsStoppedWhileInflating() throws IOException {
        Path bomb = zip(HostileZips.bomb("lib/zeros.bin", 64 << 20, 1000));
        Path into = temp.resolve("into");

        PluginRefusedException e = assertThrows(PluginRefusedException.class,
                () -> PluginZip.unpack(bomb, into, SMALL, "plugin zip"));
        assertTrue(e.tooLarge());
        assertTrue(e.getMessage().startsWith("plugin zip has the entry 'lib/zeros.bin', which inflates to more than"
                + " the 1000 bytes it declares"), e.getMessage());
        assertTrue(Files.size(into.resolve("lib/zeros.bin")) <= 1000, "stopped at what it declared");
    }

    @Test
    void tooLargeAZipOrTooManyEntriesAreRefused() throws IOException {
        Path into = temp.resolve("into");
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 101; i++) {
            many.put("lib/" + i + ".txt", "x");
        }
        PluginRefusedException entries = assertThrows(PluginRefusedException.class,
                () -> PluginZip.unpack(zip(HostileZips.withEntries(many)), into, SMALL, "plugin zip"));
        assertEquals("plugin zip holds 101 entries, more than the 100 a plugin zip may have", entries.getMessage());
        PluginRefusedException size = assertThrows(PluginRefusedException.class, () -> PluginZip.unpack(
                zip(PLUGIN.zip(false)), into, new ZipLimits(100, 1 << 20, 10), "plugin zip"));
        assertTrue(size.tooLarge() && size.getMessage().endsWith("bytes, more than the 100 a plugin zip may have"),
                size.getMessage());
        assertFalse(Files.exists(into));
    }

    @Test
    void aFileThatIsNoZipIsRefusedSayingSo() throws IOException {
        PluginRefusedException e = assertThrows(PluginRefusedException.class, () -> PluginZip.unpack(
                zip("not a zip at all".getBytes()), temp.resolve("into"), SMALL, "plugin zip"));
        assertTrue(e.getMessage().startsWith("plugin zip is not a zip file"), e.getMessage());
    }

    private Path zip(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(temp, "plugin", ".zip"), bytes);
    }
}
