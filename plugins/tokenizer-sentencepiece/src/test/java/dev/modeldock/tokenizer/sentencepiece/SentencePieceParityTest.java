package dev.modeldock.tokenizer.sentencepiece;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modeldock.plugin.TokenizerOptions;
import dev.modeldock.testkit.plugin.TokenizerGraphs;
import dev.modeldock.testkit.sentencepiece.XlmRobertaTokenizerFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted graph (onnxruntime-extensions' SentencepieceTokenizer reading the model file) against
 * Hugging Face's Unigram tokenizer reading the tokenizer.json made of the same model: two
 * implementations, so the expected ids are computed by different code than the op.
 */
class SentencePieceParityTest {
    private static final int MAX_LENGTH = 512;
    private static final List<String> ASCII = List.of(
            "hello world",
            "Hello world",
            "The quick brown fox",
            "the database is a multilingual model",
            "Oracle embeds text in a vector database",
            "searching databases, embedded models!",
            "xyz qqq 42",
            "hello  world",
            "hello ",
            "   ",
            "   leading and trailing whitespace   ",
            "a",
            "don't-stop: (a; b)?",
            "");
    private static final Map<String, String> NON_ASCII = new LinkedHashMap<>();

    static {
        NON_ASCII.put("Latin", "caf\u00e9 \u00fcber ma\u00f1ana");
        NON_ASCII.put("Greek", "\u03ba\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1 \u03b1\u03b2\u03b3");
        NON_ASCII.put("Cyrillic", "\u043f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440");
        NON_ASCII.put("CJK", "\u4f60\u597d\u4e16\u754c");
        NON_ASCII.put("Hangul", "\uc548\ub155\ud558\uc138\uc694");
        NON_ASCII.put("Devanagari", "\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e");
        NON_ASCII.put("Arabic", "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645");
        NON_ASCII.put("Thai", "\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35\u0e0a\u0e32\u0e27\u0e42\u0e25\u0e01");
    }

    @TempDir
    Path dir;

    @Test
    void matchesHuggingFaceOnAsciiText() throws Exception {
        try (TokenizerGraphs tokenizers = graphs(XlmRobertaTokenizerFiles.write(dir), MAX_LENGTH)) {
            for (String text : ASCII) {
                assertArrayEquals(tokenizers.referenceIds(text), tokenizers.graph().tokenIds(text), "text: " + text);
            }
        }
    }

    @Test
    void matchesHuggingFaceOnAsciiTextWhenTokenizerJsonStripsTrailingSpaces() throws Exception {
        try (TokenizerGraphs tokenizers = graphs(XlmRobertaTokenizerFiles.writeStripping(dir), MAX_LENGTH)) {
            for (String text : ASCII) {
                assertArrayEquals(tokenizers.referenceIds(text), tokenizers.graph().tokenIds(text), "text: " + text);
            }
        }
    }

    @Test
    void matchesHuggingFaceOnEachScriptTheModelCovers() throws Exception {
        try (TokenizerGraphs tokenizers = graphs(XlmRobertaTokenizerFiles.write(dir), MAX_LENGTH)) {
            NON_ASCII.forEach((script, text) -> {
                long[] expected = tokenizers.referenceIds(text);
                long[] actual = tokenizers.graph().tokenIds(text);
                System.out.println(script + ": reference " + Arrays.toString(expected) + ", graph "
                        + Arrays.toString(actual));
                assertArrayEquals(expected, actual, script + ": " + text);
            });
        }
    }

    @Test
    void truncatesToMaxSeqLengthKeepingBothSpecialsAsHuggingFaceDoes() throws Exception {
        String text = "the database is a multilingual model of the world";
        try (TokenizerGraphs tokenizers = graphs(XlmRobertaTokenizerFiles.write(dir), 6)) {
            long[] ids = tokenizers.graph().tokenIds(text);
            assertArrayEquals(tokenizers.referenceIds(text), ids);
            assertEquals(6, ids.length);
            assertEquals(0, ids[0], "<s> first");
            assertEquals(2, ids[5], "</s> last");
            // A text that fits exactly is not cut: 4 pieces and the two specials.
            assertArrayEquals(tokenizers.referenceIds("hello world the data"),
                    tokenizers.graph().tokenIds("hello world the data"));
        }
    }

    /**
     * Pins down where the op, which the database runs too, differs from Hugging Face's tokenizer, so
     * README's account stays true; if the op changes, this fails and README changes with it. The literal
     * text "<s>" or "<mask>" is a special token to Hugging Face but plain characters to the op.
     */
    @Test
    void inGraphTokenizerReadsLiteralSpecialTokensAsTextAsDocumented() throws Exception {
        try (TokenizerGraphs tokenizers = graphs(XlmRobertaTokenizerFiles.write(dir), MAX_LENGTH)) {
            long hello = tokenizers.referenceIds("hello")[1];
            long space = 4; // the piece U+2581 alone, the first after fairseq's four specials
            assertArrayEquals(new long[] {0, 0, hello, space, 2, 2}, tokenizers.referenceIds("<s> hello </s>"));
            long[] literal = tokenizers.graph().tokenIds("<s> hello </s>");
            assertEquals(List.of(0L), Arrays.stream(literal).filter(id -> id == 0).boxed().toList(),
                    "the op reads <s> in the text as characters: " + Arrays.toString(literal));
        }
    }

    /** The plugin's ids graph over {@code folder} beside the reference, both cutting at {@code maxLength}. */
    private static TokenizerGraphs graphs(Path folder, int maxLength) throws IOException {
        return TokenizerGraphs.open(new SentencePieceTokenizer(), folder, new TokenizerOptions(false, maxLength));
    }
}
