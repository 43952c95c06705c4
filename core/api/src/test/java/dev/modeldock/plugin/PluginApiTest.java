package dev.modeldock.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.zafarkhaja.semver.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The plugin API's version is its artifact's, the one the root pom states for the built-ins' range, and the
 * range a plugin built on it declares.
 */
class PluginApiTest {

    @Test
    void versionIsTheRootPomsPluginApiVersion() throws IOException {
        Pattern property = Pattern.compile("<plugin\\.api\\.version>\\s*([^<\\s]+)\\s*</plugin\\.api\\.version>");
        Path dir = Path.of("").toAbsolutePath();
        String stated = null;
        for (; dir != null && stated == null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom)) {
                Matcher found = property.matcher(Files.readString(pom));
                stated = found.find() ? found.group(1) : null;
            }
        }
        assertNotNull(stated, "no pom.xml above " + Path.of("").toAbsolutePath() + " states plugin.api.version");
        assertEquals(stated, PluginApi.VERSION);
    }

    @Test
    void isPublished() {
        assertTrue(Version.parse(PluginApi.VERSION).majorVersion() >= 1, "1.0.0 was the first published version, and"
                + " the compatibility rule reads majors as breaking: " + PluginApi.VERSION);
    }

    @Test
    void requiresAcceptsCompatibleVersionsOnly() {
        Version api = Version.parse(PluginApi.VERSION);
        Version breaking = api.nextMajorVersion();
        Version additive = api.nextMinorVersion();
        Version fix = api.nextPatchVersion();

        assertTrue(api.satisfies(PluginApi.REQUIRES));
        assertTrue(additive.satisfies(PluginApi.REQUIRES), additive + " adds only, so " + PluginApi.REQUIRES
                + " accepts it");
        assertTrue(fix.satisfies(PluginApi.REQUIRES), fix + " fixes only, so " + PluginApi.REQUIRES + " accepts it");
        assertFalse(breaking.satisfies(PluginApi.REQUIRES), breaking + " may break, so " + PluginApi.REQUIRES
                + " refuses it");
    }
}
