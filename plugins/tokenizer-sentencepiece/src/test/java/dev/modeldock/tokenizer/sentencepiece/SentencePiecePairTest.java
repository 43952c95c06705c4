package dev.modeldock.tokenizer.sentencepiece;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modeldock.graph.ProtoGraphBuilder;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.TokenizerOptions;
import dev.modeldock.testkit.plugin.PairTokenization;
import dev.modeldock.testkit.plugin.PairTokenization.Case;
import dev.modeldock.testkit.sentencepiece.XlmRobertaTokenizerFiles;
import dev.modeldock.validation.ProbeText;
import dev.modeldock.validation.ProbeTexts;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text pairs through the plugin's nodes against Hugging Face's tokenizer (DJL) encoding the same pair
 * with the reference's settings, on the testkit's XLM-RoBERTa-style files ({@code <s> A </s> </s> B </s>},
 * token types all 0, as the hub's XLM-RoBERTa rerankers have them): ids, mask and types all equal.
 */
class SentencePiecePairTest {
    @TempDir
    Path dir;

    private PairTokenization pairs(int maxSeqLength) {
        return PairTokenization.of(new SentencePieceTokenizer(), XlmRobertaTokenizerFiles.write(dir),
                new TokenizerOptions(false, maxSeqLength));
    }

    private static String words(String word, int count) {
        return (word + " ").repeat(count).trim();
    }

    private static void assertSame(PairTokenization pairs, String first, String second) {
        assertEquals(pairs.reference(first, second), pairs.graph(first, second), "(" + first + ", " + second + ")");
    }

    @Test
    void shortPairsMatchHuggingFace() {
        try (PairTokenization pairs = pairs(128)) {
            assertSame(pairs, "what is a vector database?", "Oracle embeds text in a vector database");
            assertSame(pairs, "Hello", "world");
            assertSame(pairs, "hello ", "world ");
            assertSame(pairs, "  hello  world  ", "the quick brown fox");
        }
    }

    @Test
    void trailingSpacesAreReadAsTheSingleTextPathReadsThemWhenTokenizerJsonStripsThem() {
        try (PairTokenization pairs = PairTokenization.of(new SentencePieceTokenizer(),
                XlmRobertaTokenizerFiles.writeStripping(dir), new TokenizerOptions(false, 16))) {
            assertSame(pairs, "hello ", "world ");
            assertSame(pairs, words("hello", 20) + " ", "world ");
        }
    }

    @Test
    void aTextAloneOverTheBudgetIsCutAsHuggingFaceCutsIt() {
        try (PairTokenization pairs = pairs(16)) {
            assertSame(pairs, words("hello", 20), "world");
            assertSame(pairs, "world", words("hello", 20));
            assertSame(pairs, words("hello", 10), words("world", 5));
            assertSame(pairs, words("hello", 20) + " ", "world ");
        }
    }

    @Test
    void bothTextsOverAnOddBudgetAreCutAsHuggingFaceCutsThem() {
        try (PairTokenization pairs = pairs(17)) { // 13 pieces
            assertSame(pairs, words("hello", 20), words("world", 30));
            assertSame(pairs, words("hello", 30), words("world", 20));
            assertEquals(17, pairs.graph(words("hello", 30), words("world", 20)).ids().length);
        }
    }

    @Test
    void bothTextsOverAnEvenBudgetAreCutAsHuggingFaceCutsThem() {
        try (PairTokenization pairs = pairs(16)) { // 12 pieces
            assertSame(pairs, words("hello", 20), words("world", 30));
            assertSame(pairs, words("hello", 30), words("world", 20));
        }
    }

    @Test
    void equallyLongTextsGiveTheOddPieceToTheSecondAsHuggingFaceDoes() {
        try (PairTokenization pairs = pairs(17)) {
            assertSame(pairs, words("hello", 20), words("world", 20));
            assertSame(pairs, words("hello", 7), words("world", 7));
        }
        try (PairTokenization pairs = pairs(16)) {
            assertSame(pairs, words("hello", 20), words("world", 20));
        }
    }

    @Test
    void anEmptyTextLeavesTheWholeBudgetToTheOther() {
        try (PairTokenization pairs = pairs(16)) {
            assertSame(pairs, "", words("world", 30));
            assertSame(pairs, words("hello", 30), "");
            assertSame(pairs, "", "");
            assertSame(pairs, "   ", "hello");
        }
    }

    /** Both texts go through one op as a batch; a text's trailing-space piece is looked for in its own pieces only. */
    @Test
    void aTrailingSpaceBelongsToItsOwnTextOnly() {
        try (PairTokenization pairs = pairs(32)) {
            assertSame(pairs, "hello ", "");
            assertSame(pairs, "", "hello ");
            assertSame(pairs, "hello ", "world");
            assertSame(pairs, "hello", "world ");
            assertSame(pairs, " ", " ");
        }
    }

    @Test
    void aPairGraphHoldsTheModelFileAsOftenAsASingleTextGraph() {
        Path folder = XlmRobertaTokenizerFiles.write(dir);
        TokenizerOptions options = new TokenizerOptions(false, 32);
        ProtoGraphBuilder single = new ProtoGraphBuilder("single", 17);
        new SentencePieceTokenizer().append(single, "text", new ModelFolder("m", folder), options);
        ProtoGraphBuilder pair = new ProtoGraphBuilder("pair", 17);
        new SentencePieceTokenizer().appendPair(pair, "first", "second", new ModelFolder("m", folder), options);
        assertEquals(2, tokenizerOps(single), "the op, and the one keeping whitespace for the trailing space");
        assertEquals(tokenizerOps(single), tokenizerOps(pair));
    }

    private static long tokenizerOps(ProtoGraphBuilder graph) {
        return graph.build().getNodeList().stream().filter(node -> node.getOpType().equals("SentencepieceTokenizer"))
                .count();
    }

    @Test
    void aTinyBudgetStillMatchesHuggingFace() {
        for (int maxSeqLength : new int[] {6, 7}) {
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
    void aSequenceLengthWithoutRoomForAPieceOfEachTextIsRefused() {
        Path folder = XlmRobertaTokenizerFiles.write(dir);
        ModelDockException refused = assertThrows(ModelDockException.class, () -> new SentencePieceTokenizer()
                .appendPair(null, "first", "second", new ModelFolder("m", folder), new TokenizerOptions(false, 5)));
        assertEquals("max_seq_length 5 leaves no room for a token of each text between <s>, </s> </s> and </s>:"
                + " set it to 6 or more", refused.getMessage());
    }

    @Test
    void asciiProbeTextsPairedMatchHuggingFace() {
        List<String> ascii = ProbeTexts.builtIn().stream().filter(probe -> probe.script() == ProbeText.Script.ASCII)
                .map(ProbeText::text).toList();
        try (PairTokenization pairs = pairs(128)) {
            for (int i = 0; i < ascii.size(); i++) {
                assertSame(pairs, ascii.get(i), ascii.get((i + 1) % ascii.size()));
            }
        }
    }

    /** Every pair of 0 to 40 pieces a text at max_seq_length 24 (20 pieces), so every case of the rule runs. */
    @Test
    void everyPairOfLengthsUpToFortyPiecesMatchesHuggingFace() {
        Map<Case, Integer> seen = new EnumMap<>(Case.class);
        try (PairTokenization pairs = pairs(24)) {
            for (int a = 0; a <= 40; a++) {
                for (int b = 0; b <= 40; b++) {
                    String first = words("hello", a);
                    String second = words("world", b);
                    assertEquals(a, pairs.pieceCount(first));
                    assertSame(pairs, first, second);
                    seen.merge(Case.of(a, b, 20), 1, Integer::sum);
                }
            }
        }
        assertEquals(Case.values().length, seen.size(), "cases reached: " + seen);
    }

    @Test
    void aPairIsBothTextsBetweenXlmRobertasSpecialsWithOneTokenType() {
        try (PairTokenization pairs = pairs(128)) {
            PairTokenization.Encoded encoded = pairs.graph("hello", "world");
            long hello = pairs.reference("hello", "").ids()[1];
            long world = pairs.reference("world", "").ids()[1];
            assertArrayEquals(new long[] {0, hello, 2, 2, world, 2}, encoded.ids());
            assertArrayEquals(new long[] {0, 0, 0, 0, 0, 0}, encoded.types());
            assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1}, encoded.mask());
        }
    }
}
