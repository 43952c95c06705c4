package dev.modeldock.tokenizer.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void listsTokensOneALineInIdOrder() {
        Vocabulary vocabulary = new Vocabulary(List.of("[PAD]", "[UNK]", "hello"));
        assertEquals("[PAD]\n[UNK]\nhello", vocabulary.asText());
        assertEquals(3, vocabulary.size());
        assertTrue(vocabulary.contains("hello"));
        assertFalse(vocabulary.contains("world"));
    }

    @Test
    void ordersATokenToIdMapById() {
        Map<String, Integer> ids = new LinkedHashMap<>();
        ids.put("world", 3);
        ids.put("[UNK]", 1);
        ids.put("hello", 2);
        ids.put("[PAD]", 0);
        Vocabulary vocabulary = Vocabulary.fromIds(ids);
        List<String> lines = Arrays.asList(vocabulary.asText().split("\n", -1));
        assertEquals(List.of("[PAD]", "[UNK]", "hello", "world"), lines);
    }

    @Test
    void rejectsAnEmptyToken() {
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> new Vocabulary(List.of("[PAD]", "", "hello")));
        assertTrue(e.getMessage().contains("token 1 is empty"), e.getMessage());
    }

    @Test
    void rejectsATokenWithALineFeed() {
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> new Vocabulary(List.of("[PAD]", "hel\nlo")));
        assertTrue(e.getMessage().contains("token 1") && e.getMessage().contains("line break"), e.getMessage());
    }

    @Test
    void rejectsATokenWithACarriageReturn() {
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> new Vocabulary(List.of("hel\rlo", "[PAD]")));
        assertTrue(e.getMessage().contains("token 0") && e.getMessage().contains("line break"), e.getMessage());
    }

    @Test
    void rejectsADuplicateToken() {
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> new Vocabulary(List.of("[PAD]", "hello", "[UNK]", "hello")));
        assertTrue(e.getMessage().contains("same token"), e.getMessage());
    }

    @Test
    void rejectsIdsWithAGap() {
        Map<String, Integer> ids = new LinkedHashMap<>();
        ids.put("[PAD]", 0);
        ids.put("hello", 1);
        ids.put("world", 3);
        ModelDockException e = assertThrows(ModelDockException.class, () -> Vocabulary.fromIds(ids));
        assertTrue(e.getMessage().contains("'world'") && e.getMessage().contains("dense"), e.getMessage());
    }

    @Test
    void rejectsTwoTokensWithTheSameId() {
        Map<String, Integer> ids = new LinkedHashMap<>();
        ids.put("hello", 0);
        ids.put("world", 0);
        ModelDockException e = assertThrows(ModelDockException.class, () -> Vocabulary.fromIds(ids));
        assertTrue(e.getMessage().contains("'hello'") && e.getMessage().contains("'world'"), e.getMessage());
    }

    @Test
    void rejectsANegativeId() {
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> Vocabulary.fromIds(Map.of("hello", -1)));
        assertTrue(e.getMessage().contains("'hello'"), e.getMessage());
    }
}
