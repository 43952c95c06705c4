package dev.modeldock.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model's config.json that does not parse: the error names the file, what was wrong and where,
 * and never what the file holds, since a server may have been pointed at some other file of its own.
 */
class HubModelJsonTest {
    private static final String SECRET = "c2VydmVyLWtleQSECRET";

    @TempDir
    Path folder;

    @Test
    void aConfigJsonThatDoesNotParseIsNamedWithLineAndColumnButNeverQuoted() throws IOException {
        for (String content : List.of(SECRET, "{\"hidden_size\": " + SECRET + "}", "{\"" + SECRET + "\" 384}",
                "{\"hidden_size\": \"" + SECRET)) {
            Files.writeString(folder.resolve("config.json"), content);
            ModelDockException e = assertThrows(ModelDockException.class,
                    () -> HubModel.open(new ModelFolder("acme/model", folder)));
            assertTrue(e.getMessage().startsWith(folder.resolve("config.json") + " is not a valid JSON object: "
                    + "malformed JSON"), e.getMessage());
            assertTrue(e.getMessage().contains("(line 1, column "), e.getMessage());
            assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
            assertEquals(null, e.getCause(), "the parser's own message would quote the file");
        }
    }

    @Test
    void aConfigJsonThatIsNotAnObjectSaysSo() throws IOException {
        Files.writeString(folder.resolve("config.json"), "[\"" + SECRET + "\"]");
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> HubModel.open(new ModelFolder("acme/model", folder)));
        assertEquals(folder.resolve("config.json") + " does not hold a JSON object", e.getMessage());
    }
}
