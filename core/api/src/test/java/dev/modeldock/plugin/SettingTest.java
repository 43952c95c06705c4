package dev.modeldock.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A declaration that could mislead a form or a server is refused when the plugin makes it. */
class SettingTest {
    @Test
    void typesAcceptTheirOwnValuesOnly() {
        assertTrue(Setting.Type.BOOLEAN.accepts("true") && Setting.Type.BOOLEAN.accepts("false"));
        assertFalse(Setting.Type.BOOLEAN.accepts("TRUE") || Setting.Type.BOOLEAN.accepts("1"));
        assertTrue(Setting.Type.INTEGER.accepts("-12") && Setting.Type.INTEGER.accepts("0"));
        assertFalse(Setting.Type.INTEGER.accepts("1e3") || Setting.Type.INTEGER.accepts("")
                || Setting.Type.INTEGER.accepts("99999999999999999999"));
        assertTrue(Setting.Type.STRING.accepts("") && Setting.Type.PATH.accepts("a/b"));
        assertEquals(List.of("string", "boolean", "integer", "path"),
                List.of(Setting.Type.values()).stream().map(Setting.Type::id).toList());
    }

    @Test
    void theBuilderSetsEachFlagAndKeepsTheRest() {
        Setting setting = Setting.of("retries", Setting.Type.INTEGER, "how often").withDefault("2");
        assertEquals(new Setting("retries", Setting.Type.INTEGER, false, false, "how often", "2"), setting);
        assertEquals(new Setting("token", Setting.Type.STRING, true, true, "t", null),
                Setting.of("token", Setting.Type.STRING, "t").asRequired().asSecret());
    }

    @Test
    void aDeclarationThatCannotHoldIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Setting.of("Output-Dir", Setting.Type.PATH, "folder"));
        assertThrows(IllegalArgumentException.class, () -> Setting.of("output_dir", Setting.Type.PATH, " "));
        assertThrows(IllegalArgumentException.class, () -> Setting.of("password", Setting.Type.STRING, "p")
                .asSecret().withDefault("tiger"));
        assertThrows(IllegalArgumentException.class, () -> Setting.of("retries", Setting.Type.INTEGER, "n")
                .withDefault("many"));
    }
}
