package dev.modeldock.tokenizer.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.TokenizerOptions;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.testkit.plugin.PairTokenization;
import dev.modeldock.testkit.plugin.PairTokenization.Case;
import dev.modeldock.testkit.text.MultilingualProbes;
import dev.modeldock.validation.ProbeText;
import dev.modeldock.validation.ProbeTexts;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text pairs through the plugin's nodes against Hugging Face's tokenizer (DJL) encoding the same pair
 * with the reference's settings, on the real all-MiniLM-L6-v2 tokenizer.json: ids, attention mask
 * and token types all equal, truncation included.
 */
class WordPiecePairTest {
    @TempDir
    Path dir;

    private PairTokenization pairs(int maxSeqLength) throws Exception {
        return PairTokenization.of(new WordPieceTokenizer(), RealTokenizers.MODELS.get(0).folder(dir),
                new TokenizerOptions(true, maxSeqLength));
    }

    private static String words(String word, int count) {
        return (word + " ").repeat(count).trim();
    }

    private static void assertSame(PairTokenization pairs, String first, String second) {
        assertEquals(pairs.reference(first, second), pairs.graph(first, second), "(" + first + ", " + second + ")");
    }

    @Test
    void shortPairsMatchHuggingFace() throws Exception {
        try (PairTokenization pairs = pairs(128)) {
            assertSame(pairs, "what is a vector database?", "A vector database stores embeddings beside rows.");
            assertSame(pairs, "Hello", "world");
            assertSame(pairs, "Café au lait", "HELLO, World!");
        }
    }

    @Test
    void aTextAloneOverTheBudgetIsCutAsHuggingFaceCutsIt() throws Exception {
        try (PairTokenization pairs = pairs(16)) {
            assertSame(pairs, words("hello", 20), "world");
            assertSame(pairs, "world", words("hello", 20));
            assertSame(pairs, words("hello", 10), words("world", 5));
        }
    }

    @Test
    void bothTextsOverAnOddBudgetAreCutAsHuggingFaceCutsThem() throws Exception {
        try (PairTokenization pairs = pairs(16)) { // 13 pieces
            assertSame(pairs, words("hello", 20), words("world", 30));
            assertSame(pairs, words("hello", 30), words("world", 20));
            assertEquals(16, pairs.graph(words("hello", 30), words("world", 20)).ids().length);
        }
    }

    @Test
    void bothTextsOverAnEvenBudgetAreCutAsHuggingFaceCutsThem() throws Exception {
        try (PairTokenization pairs = pairs(17)) { // 14 pieces
            assertSame(pairs, words("hello", 20), words("world", 30));
            assertSame(pairs, words("hello", 30), words("world", 20));
        }
    }

    @Test
    void equallyLongTextsGiveTheOddPieceToTheSecondAsHuggingFaceDoes() throws Exception {
        try (PairTokenization pairs = pairs(16)) {
            assertSame(pairs, words("hello", 20), words("world", 20));
            assertSame(pairs, words("hello", 7), words("world", 7));
        }
        try (PairTokenization pairs = pairs(17)) {
            assertSame(pairs, words("hello", 20), words("world", 20));
        }
    }

    @Test
    void anEmptyTextLeavesTheWholeBudgetToTheOther() throws Exception {
        try (PairTokenization pairs = pairs(16)) {
            assertSame(pairs, "", words("world", 30));
            assertSame(pairs, words("hello", 30), "");
            assertSame(pairs, "", "");
            assertSame(pairs, "   ", "hello");
        }
    }

    @Test
    void aTinyBudgetStillMatchesHuggingFace() throws Exception {
        for (int maxSeqLength : new int[] {5, 6}) {
            try (PairTokenization pairs = pairs(maxSeqLength)) {
                assertSame(pairs, words("hello", 5), words("world", 9));
                assertSame(pairs, "hello", words("world", 9));
                assertSame(pairs, words("hello", 9), "world");
                assertSame(pairs, "", words("world", 9));
                assertSame(pairs, "hello", "world");
            }
        }
    }

    @Test
    void aSequenceLengthWithoutRoomForAPieceOfEachTextIsRefused() throws Exception {
        Path folder = RealTokenizers.MODELS.get(0).folder(dir);
        ModelDockException refused = assertThrows(ModelDockException.class, () -> new WordPieceTokenizer()
                .appendPair(null, "first", "second", new ModelFolder("m", folder), new TokenizerOptions(true, 4)));
        assertEquals("max_seq_length 4 leaves no room for a token of each text between [CLS], [SEP] and [SEP]:"
                + " set it to 5 or more", refused.getMessage());
    }

    @Test
    void asciiProbeTextsPairedMatchHuggingFace() throws Exception {
        List<String> ascii = ProbeTexts.builtIn().stream().filter(probe -> probe.script() == ProbeText.Script.ASCII)
                .map(ProbeText::text).toList();
        try (PairTokenization pairs = pairs(128)) {
            for (int i = 0; i < ascii.size(); i++) {
                assertSame(pairs, ascii.get(i), ascii.get((i + 1) % ascii.size()));
            }
        }
    }

    /** Every pair of 0 to 40 pieces a text at max_seq_length 24 (21 pieces), so every case of the rule runs. */
    @Test
    void everyPairOfLengthsUpToFortyPiecesMatchesHuggingFace() throws Exception {
        Map<Case, Integer> seen = new EnumMap<>(Case.class);
        try (PairTokenization pairs = pairs(24)) {
            for (int a = 0; a <= 40; a++) {
                for (int b = 0; b <= 40; b++) {
                    String first = words("hello", a);
                    String second = words("world", b);
                    assertEquals(a, pairs.pieceCount(first));
                    assertSame(pairs, first, second);
                    seen.merge(Case.of(a, b, 21), 1, Integer::sum);
                }
            }
        }
        assertEquals(Case.values().length, seen.size(), "cases reached: " + seen);
    }

    /**
     * Each text of a pair is read as the single-text path reads it (aliases mapped back included), so
     * on multilingual text the pair agrees with Hugging Face wherever the single text does.
     */
    @Test
    void eachTextOfAPairIsTokenizedAsTheSingleTextPathTokenizesIt() throws Exception {
        Path folder = RealTokenizers.MODELS.get(0).folder(dir);
        TokenizerOptions options = new TokenizerOptions(true, 512);
        Path single = TokenizerFixtures.write(TokenizerFixtures.idsGraph(new ModelFolder("m", folder), options),
                dir.resolve("single.onnx"));
        List<String> texts = MultilingualProbes.all().stream().filter(probe -> !probe.beyondBmp())
                .map(MultilingualProbes.Probe::text).toList();
        try (PairTokenization pairs = pairs(512); PipelineSession alone = PipelineSession.open(single, 1)) {
            for (int i = 0; i + 1 < texts.size(); i += 2) {
                long[] first = alone.tokenIds(texts.get(i));
                long[] second = alone.tokenIds(texts.get(i + 1));
                long[] expected = LongStream.concat(LongStream.of(first),
                        LongStream.of(second).skip(1)).toArray();
                assertArrayEquals(expected, pairs.graph(texts.get(i), texts.get(i + 1)).ids(),
                        texts.get(i) + " | " + texts.get(i + 1));
            }
        }
    }
}
