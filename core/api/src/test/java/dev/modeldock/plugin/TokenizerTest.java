package dev.modeldock.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerTest {
    @TempDir
    Path dir;

    /** A tokenizer plugin built before text pairs existed: it implements only the single-text methods. */
    private static final class SingleTextOnly implements Tokenizer {
        @Override
        public String name() {
            return "wordlevel";
        }

        @Override
        public boolean recognizes(ModelFolder model) {
            return true;
        }

        @Override
        public TokenIds append(GraphBuilder graph, String text, ModelFolder model, TokenizerOptions options) {
            return new TokenIds(text, text, text);
        }
    }

    @Test
    void aTokenizerWithoutPairSupportRefusesATextPairNamingItselfAndTheModel() {
        ModelDockException refused = assertThrows(ModelDockException.class, () -> new SingleTextOnly()
                .appendPair(null, "first", "second", new ModelFolder("org/reranker", dir),
                        new TokenizerOptions(true, 128)));
        assertEquals("the wordlevel tokenizer (" + SingleTextOnly.class.getName() + ") cannot tokenize text pairs,"
                + " so model 'org/reranker' cannot be exported as a reranker with it; export it as an embedding"
                + " model, or use a tokenizer plugin that supports text pairs", refused.getMessage());
    }

    @Test
    void longestFirstRefusesANegativeBudget() {
        assertThrows(IllegalArgumentException.class, () -> LongestFirst.truncate(null, "a", "b", -1));
    }
}
