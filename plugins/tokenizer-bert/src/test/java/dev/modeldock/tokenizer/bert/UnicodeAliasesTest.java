package dev.modeldock.tokenizer.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnicodeAliasesTest {
    private static final Vocabulary VOCAB = new Vocabulary(List.of("[UNK]", "a", "##a", "η", "##ης", "##ии", "e",
            "##es", "é", "и"));

    @Test
    void aliasesEachSpellingTheOpSeesToThePieceHuggingFaceFinds() {
        Map<String, Integer> aliases = UnicodeAliases.of(VOCAB, "##", true, true);
        assertEquals(VOCAB.id("η"), aliases.get("ή"), "the op keeps the tonos");
        assertEquals(VOCAB.id("η"), aliases.get("Η"), "the op does not lowercase Η");
        assertEquals(VOCAB.id("##ης"), aliases.get("##ής"), "two letters without ASCII: every spelling");
        assertEquals(VOCAB.id("##ии"), aliases.get("##ий"));
        assertEquals(VOCAB.id("a"), aliases.get("ą"), "Latin Extended-A: the op strips nothing there");
        assertEquals(VOCAB.id("##a"), aliases.get("##ạ"));
    }

    @Test
    void aliasesCapitalsThatOnlyReleasesBefore013LeaveUppercase() {
        Map<String, Integer> aliases = UnicodeAliases.of(VOCAB, "##", true, true);
        assertEquals(VOCAB.id("и"), aliases.get("И"), "0.13 lowercases И itself; 0.12 looks it up as it is");
        assertEquals(VOCAB.id("##ии"), aliases.get("##ИЙ"));
    }

    @Test
    void aliasesNothingTheOpAlreadyReadsAsHuggingFaceDoes() {
        Map<String, Integer> aliases = UnicodeAliases.of(VOCAB, "##", true, true);
        assertFalse(aliases.containsKey("á"), "Latin-1 accents are the op's own");
        assertFalse(aliases.containsKey("A"), "nor A-Z");
        assertFalse(aliases.containsKey("é"), "a spelling the vocabulary has keeps its own id");
        assertFalse(aliases.containsKey("##eş") || aliases.containsKey("##ęs"),
                "pieces with an ASCII letter get no spellings of several letters (Latin would need thousands)");
        assertTrue(aliases.values().stream().allMatch(id -> id >= 0 && id < VOCAB.size()));
    }

    @Test
    void aCasedVocabularyThatKeepsAccentsNeedsNoAliases() {
        assertEquals(Map.of(), UnicodeAliases.of(VOCAB, "##", false, false));
    }
}
