package dev.modeldock.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in query/document set the int8 and float16 quality checks rank with. */
class RetrievalPairsTest {
    private final RetrievalPairs pairs = RetrievalPairs.builtIn();

    @Test
    void builtInSetHasAtLeastThirtyPairs() {
        assertTrue(pairs.size() >= 30, "pairs: " + pairs.size());
        assertEquals(pairs.queries().size(), pairs.documents().size());
    }

    @Test
    void queriesAreDistinctAndSoAreDocuments() {
        assertEquals(pairs.size(), new HashSet<>(pairs.queries()).size(), "a repeated query");
        assertEquals(pairs.size(), new HashSet<>(pairs.documents()).size(), "a repeated document");
    }

    @Test
    void noTextIsBlankAndNoQueryIsItsOwnAnswer() {
        for (int i = 0; i < pairs.size(); i++) {
            String query = pairs.queries().get(i);
            String document = pairs.documents().get(i);
            assertFalse(query.isBlank() || document.isBlank(), "pair " + i);
            assertFalse(pairs.documents().contains(query), "query " + i + " is also a document: " + query);
        }
    }

    @Test
    void pairsNeedAsManyDocumentsAsQueries() {
        assertThrows(IllegalArgumentException.class, () -> new RetrievalPairs(List.of("q1", "q2"), List.of("d1")));
        assertThrows(IllegalArgumentException.class, () -> new RetrievalPairs(List.of(), List.of()));
    }
}
