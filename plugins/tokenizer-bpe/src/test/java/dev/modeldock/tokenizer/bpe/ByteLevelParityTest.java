package dev.modeldock.tokenizer.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.Tokenizer;
import dev.modeldock.plugin.TokenizerOptions;
import dev.modeldock.testkit.bpe.ByteLevelBpeFiles;
import dev.modeldock.testkit.bpe.Gpt2Vocabulary;
import dev.modeldock.testkit.plugin.TokenizerGraphs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The emitted graphs (onnxruntime-extensions' RobertaTokenizer and GPT2Tokenizer reading vocab.json and
 * merges.txt) against Hugging Face's BPE reading the tokenizer.json of the same vocabulary: on merges
 * learnt from English by the test kit, and on GPT-2's real vocabulary and merges.
 */
class ByteLevelParityTest {
    private static final int MAX_LENGTH = 512;

    @TempDir
    Path dir;

    static Stream<Arguments> vocabularies() {
        return Stream.of(
                Arguments.of("RoBERTa, learnt merges", new RobertaBpeTokenizer(),
                        ByteLevelBpeFiles.roberta(ByteLevelBpeFiles.small())),
                Arguments.of("GPT-2, learnt merges", new Gpt2BpeTokenizer(),
                        ByteLevelBpeFiles.gpt2(ByteLevelBpeFiles.small())),
                Arguments.of("RoBERTa, GPT-2's real merges", new RobertaBpeTokenizer(),
                        ByteLevelBpeFiles.roberta(Gpt2Vocabulary.load())),
                Arguments.of("GPT-2, real files", new Gpt2BpeTokenizer(), ByteLevelBpeFiles.gpt2(Gpt2Vocabulary.load())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vocabularies")
    void matchesHuggingFaceOnEveryAsciiProbeText(String name, Tokenizer tokenizer, ByteLevelBpeFiles files)
            throws Exception {
        try (TokenizerGraphs tokenizers = graphs(tokenizer, files.writeInto(dir), MAX_LENGTH)) {
            for (String text : Scripts.asciiProbes()) {
                assertArrayEquals(tokenizers.referenceIds(text), tokenizers.graph().tokenIds(text), name + ": " + text);
            }
        }
    }

    /**
     * Per-script agreement is reported, not asserted (README quotes it). What is asserted is the cause
     * README gives for the emoji line: Java's binding hands characters above U+FFFF to the op as two
     * surrogates, so without them the line tokenizes as Hugging Face does.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("vocabularies")
    void reportsAgreementForEachScriptAndEmojiDifferOnlyThroughJavasSurrogates(String name, Tokenizer tokenizer,
            ByteLevelBpeFiles files) throws Exception {
        try (TokenizerGraphs tokenizers = graphs(tokenizer, files.writeInto(dir), MAX_LENGTH)) {
            Scripts.report(name, tokenizers);
            String emoji = Scripts.NON_ASCII.get("emoji");
            assertTrue(emoji.codePoints().anyMatch(c -> c > 0xFFFF));
            String withoutSupplementary = emoji.codePoints().filter(c -> c <= 0xFFFF)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            assertArrayEquals(tokenizers.referenceIds(withoutSupplementary),
                    tokenizers.graph().tokenIds(withoutSupplementary), name);
        }
    }

    @Test
    void learntMergesMakeOrdinaryEnglishWordsMultiBytePieces() throws Exception {
        ByteLevelBpeFiles files = ByteLevelBpeFiles.roberta(ByteLevelBpeFiles.small());
        try (TokenizerGraphs tokenizers = graphs(new RobertaBpeTokenizer(), files.writeInto(dir), MAX_LENGTH)) {
            String[] pieces = tokenizers.referencePieces("The database keeps every vector");
            assertEquals(Arrays.asList("<s>", "The", "\u0120d", "atabase", "\u0120keeps", "\u0120every",
                    "\u0120vector", "</s>"), Arrays.asList(pieces));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vocabularies")
    void truncatesToMaxSeqLengthAsHuggingFaceDoes(String name, Tokenizer tokenizer, ByteLevelBpeFiles files)
            throws Exception {
        String text = "the database keeps every vector beside the rows it describes";
        try (TokenizerGraphs tokenizers = graphs(tokenizer, files.writeInto(dir), 6)) {
            long[] ids = tokenizers.graph().tokenIds(text);
            assertArrayEquals(tokenizers.referenceIds(text), ids, name);
            assertEquals(6, ids.length);
            if (files.roberta()) {
                assertEquals(files.vocab().get("<s>"), (int) ids[0], "<s> first");
                assertEquals(files.vocab().get("</s>"), (int) ids[5], "</s> last");
            }
            for (String shortText : new String[] {"a", "", "Hello, world!"}) {
                assertArrayEquals(tokenizers.referenceIds(shortText), tokenizers.graph().tokenIds(shortText),
                        name + ": " + shortText);
            }
        }
    }

    /**
     * Pins down where the op differs from Hugging Face's tokenizer on ASCII, so README stays true; if
     * the op changes, this fails and README changes with it. RoBERTa's {@code <s>}, {@code </s>},
     * {@code <unk>} and {@code <pad>} written in a text are special tokens to both, but {@code <mask>}
     * is one only to Hugging Face: the op spells it out.
     */
    @Test
    void literalMaskIsPlainTextToTheOpWhileTheOtherSpecialsAreSpecialToBothAsDocumented() throws Exception {
        ByteLevelBpeFiles files = ByteLevelBpeFiles.roberta(ByteLevelBpeFiles.small());
        try (TokenizerGraphs tokenizers = graphs(new RobertaBpeTokenizer(), files.writeInto(dir), MAX_LENGTH)) {
            for (String text : new String[] {"<s> hello </s>", "<s>hello</s>", "<unk> and <pad>"}) {
                assertArrayEquals(tokenizers.referenceIds(text), tokenizers.graph().tokenIds(text), text);
            }
            long mask = files.vocab().get("<mask>");
            long[] reference = tokenizers.referenceIds("a <mask> b");
            long[] graph = tokenizers.graph().tokenIds("a <mask> b");
            assertTrue(Arrays.stream(reference).anyMatch(id -> id == mask), Arrays.toString(reference));
            assertTrue(Arrays.stream(graph).noneMatch(id -> id == mask), Arrays.toString(graph));
        }
    }

    /** {@code tokenizer}'s ids graph over {@code folder} beside the reference, both cutting at {@code maxLength}. */
    private static TokenizerGraphs graphs(Tokenizer tokenizer, Path folder, int maxLength) throws IOException {
        return TokenizerGraphs.open(tokenizer, folder, new TokenizerOptions(false, maxLength));
    }
}
