package dev.modeldock.modelfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files read alike in every plugin: errors name the file and the place, never the content. */
class ModelFilesTest {
    @TempDir
    Path dir;

    @Test
    void brokenJsonIsNamedByFileLineAndColumnWithoutItsContent() throws Exception {
        Path file = Files.writeString(dir.resolve("vocab.json"), "{\"a\": 1,\n \"secret-token\" 2}");
        ModelDockException e = assertThrows(ModelDockException.class, () -> ModelFiles.json(file));
        assertTrue(e.getMessage().startsWith("vocab.json in " + dir + " is not valid JSON (line 2"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-token"), e.getMessage());
    }

    @Test
    void textThatIsNotUtf8IsRefusedByName() throws Exception {
        Path file = Files.write(dir.resolve("merges.txt"), new byte[] {'a', ' ', (byte) 0xC3, '\n'});
        ModelDockException e = assertThrows(ModelDockException.class, () -> ModelFiles.utf8(file));
        assertEquals("merges.txt in " + dir + " is not UTF-8 text", e.getMessage());
    }

    @Test
    void gpt2sByteAlphabetKeepsPrintableBytesAndShiftsTheRest() {
        assertEquals('!', ByteLevelRules.byteCharacter('!'));
        assertEquals('\u0120', ByteLevelRules.byteCharacter(' '), "the space is GPT-2's Ġ");
        assertEquals('\u0100', ByteLevelRules.byteCharacter(0));
    }

    @Test
    void mergesMustJoinTwoPiecesOfTheVocabularyIntoAThird() {
        Set<String> vocabulary = Set.of("a", "b", "ab");
        ByteLevelRules.checkMerges("#version: 0.2\na b\n", vocabulary::contains, dir.resolve("merges.txt"));
        ModelDockException e = assertThrows(ModelDockException.class, () -> ByteLevelRules.checkMerges(
                "a b\nb a\n", vocabulary::contains, dir.resolve("merges.txt")));
        assertTrue(e.getMessage().contains("line 2, is not a merge"), e.getMessage());
        assertThrows(ModelDockException.class, () -> ByteLevelRules.checkMerges("#version: 0.2\n",
                vocabulary::contains, dir.resolve("merges.txt")));
    }
}
