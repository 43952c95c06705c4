package dev.modeldock.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ExportReceipt;
import dev.modeldock.plugin.ExportRequest;
import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import dev.modeldock.plugin.Setting;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings held against a declaration with every type in it (the built-in targets declare no
 * boolean or integer setting): values of the wrong type are refused naming the setting, secrets kept
 * by a replaced profile count as given, and paths reach the target resolved in the folder.
 */
class TargetSettingsTest {
    @TempDir
    Path folder;

    @Test
    void aValueNotOfItsDeclaredTypeIsRefusedNamingTheSettingAndTheType() throws Exception {
        TargetSettings settings = new TargetSettings(new TargetFolder(folder));
        settings.check(new Store(), Map.of("bucket", "models", "compress", "true", "retries", "-3"), Set.of());
        ModelDockException bool = assertThrows(ModelDockException.class, () -> settings.check(new Store(),
                Map.of("bucket", "models", "compress", "yes"), Set.of()));
        assertEquals("setting 'compress' must be true or false, not 'yes'", bool.getMessage());
        ModelDockException integer = assertThrows(ModelDockException.class, () -> settings.check(new Store(),
                Map.of("bucket", "models", "retries", "3.5"), Set.of()));
        assertEquals("setting 'retries' must be a whole number, not '3.5'", integer.getMessage());
    }

    @Test
    void aRequiredSecretKeptByAReplacedProfileNeedNotBeGivenAgain() throws Exception {
        TargetSettings settings = new TargetSettings(new TargetFolder(folder));
        Map<String, String> withoutToken = Map.of("staging", "spool");
        settings.check(new Vault(), withoutToken, Set.of("token"));
        ModelDockException missing = assertThrows(ModelDockException.class,
                () -> settings.check(new Vault(), withoutToken, Set.of()));
        assertTrue(missing.getMessage().startsWith("setting 'token' is required by the 'vault' target"),
                missing.getMessage());
    }

    @Test
    void pathsReachTheTargetAbsoluteInsideTheFolderAndOtherSettingsAsStored() throws Exception {
        TargetSettings settings = new TargetSettings(new TargetFolder(folder));
        Map<String, String> given = settings.forExport(new Vault(), Map.of("staging", "spool/today", "token", "t"));
        assertEquals(Map.of("staging", folder.toAbsolutePath().resolve("spool/today").toString(), "token", "t"),
                given);
        ModelDockException leaving = assertThrows(ModelDockException.class,
                () -> settings.forExport(new Vault(), Map.of("staging", "/etc")));
        assertTrue(leaving.getMessage().startsWith("setting 'staging' '/etc' leaves the folder for target files"),
                leaving.getMessage());
    }

    /** A target with a boolean and an integer setting. */
    private static final class Store extends Declared {
        Store() {
            super("store", List.of(Setting.of("bucket", Setting.Type.STRING, "where").asRequired(),
                    Setting.of("compress", Setting.Type.BOOLEAN, "whether to gzip").withDefault("false"),
                    Setting.of("retries", Setting.Type.INTEGER, "how often to retry")));
        }
    }

    /** A target with a required secret and a path. */
    private static final class Vault extends Declared {
        Vault() {
            super("vault", List.of(Setting.of("token", Setting.Type.STRING, "the access token").asRequired()
                    .asSecret(), Setting.of("staging", Setting.Type.PATH, "where files wait")));
        }
    }

    private abstract static class Declared implements ExportTarget {
        private final String name;
        private final List<Setting> settings;

        Declared(String name, List<Setting> settings) {
            this.name = name;
            this.settings = settings;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<Setting> settings() {
            return settings;
        }

        @Override
        public ExportReceipt export(ExportRequest request, Progress progress) {
            throw new UnsupportedOperationException("only the declaration is used here");
        }
    }
}
