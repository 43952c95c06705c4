package dev.modeldock.tokenizer.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.TokenizerOptions;
import dev.modeldock.testkit.bpe.ClipBpeFiles;
import dev.modeldock.testkit.plugin.TokenizerGraphs;
import dev.modeldock.testkit.text.MultilingualProbes;
import dev.modeldock.validation.ProbeText;
import dev.modeldock.validation.ProbeTexts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted graph (onnxruntime-extensions' CLIPTokenizer reading vocab.json and merges.txt, and the
 * standard nodes after it) against Hugging Face's CLIP tokenizer reading the tokenizer.json of the same
 * vocabulary, on merges learnt from English by the test kit the way CLIP's were.
 */
class ClipParityTest {
    private static final int MAX_LENGTH = 77;

    @TempDir
    Path dir;

    @Test
    void matchesHuggingFaceOnEveryAsciiProbeText() throws Exception {
        try (TokenizerGraphs tokenizers = graphs(ClipBpeFiles.small().writeInto(dir), MAX_LENGTH)) {
            for (ProbeText probe : ProbeTexts.builtIn()) {
                if (probe.script() == ProbeText.Script.ASCII) {
                    assertArrayEquals(tokenizers.referenceIds(probe.text()), tokenizers.graph().tokenIds(probe.text()),
                            probe.text());
                }
            }
        }
    }

    /** Digit runs and tabs are where the op alone splits otherwise than CLIP; the nodes after it mend both. */
    @Test
    void digitRunsAndTabsTokenizeAsClipsTokenizerDoes() throws Exception {
        try (TokenizerGraphs tokenizers = graphs(ClipBpeFiles.small().writeInto(dir), MAX_LENGTH)) {
            for (String text : List.of("2024", "in Q3 2024, $1,299.99", "a\tb", "\tleading tab", "tab at the end\t",
                    "one\u000btwo\u000cthree", "007 and 1984", "a1b22c333")) {
                assertArrayEquals(tokenizers.referenceIds(text), tokenizers.graph().tokenIds(text), text);
            }
            String[] pieces = tokenizers.referencePieces("2024");
            assertEquals(List.of("<|startoftext|>", "2</w>", "0</w>", "2</w>", "4</w>", "<|endoftext|>"),
                    Arrays.asList(pieces));
        }
    }

    @Test
    void truncatesToMaxSeqLengthKeepingBothSpecialTokens() throws Exception {
        ClipBpeFiles files = ClipBpeFiles.small();
        String text = "the database keeps every vector beside the rows it describes";
        try (TokenizerGraphs tokenizers = graphs(files.writeInto(dir), 6)) {
            long[] ids = tokenizers.graph().tokenIds(text);
            assertArrayEquals(tokenizers.referenceIds(text), ids);
            assertEquals(6, ids.length);
            assertEquals(files.vocab().get(ClipBpeFiles.START), (int) ids[0], "<|startoftext|> first");
            assertEquals(files.vocab().get(ClipBpeFiles.END), (int) ids[5], "<|endoftext|> last");
            for (String shortText : new String[] {"a", "", "   ", "Hello, world!"}) {
                assertArrayEquals(tokenizers.referenceIds(shortText), tokenizers.graph().tokenIds(shortText),
                        "'" + shortText + "'");
            }
        }
    }

    /** Per-script agreement on the multilingual probe set is reported, not asserted (README quotes it). */
    @Test
    void reportsAgreementForEachWritingSystem() throws Exception {
        try (TokenizerGraphs tokenizers = graphs(ClipBpeFiles.small().writeInto(dir), MAX_LENGTH)) {
            int agreeing = 0;
            int total = 0;
            for (Map.Entry<String, List<String>> script : MultilingualProbes.byWritingSystem().entrySet()) {
                int agree = 0;
                for (String text : script.getValue()) {
                    boolean same = Arrays.equals(tokenizers.referenceIds(text), tokenizers.graph().tokenIds(text));
                    agree += same ? 1 : 0;
                    if (!same) {
                        System.out.println("clip, " + script.getKey() + " differs: " + text);
                    }
                }
                System.out.println("clip, " + script.getKey() + ": " + agree + " of " + script.getValue().size()
                        + " lines agree");
                agreeing += agree;
                total += script.getValue().size();
            }
            System.out.println("clip: " + agreeing + " of " + total + " lines agree");
            assertTrue(total > 0);
        }
    }

    /**
     * Pins down where the graph still differs from CLIP's tokenizer on plain text, so README stays true;
     * if the op changes, this fails and README changes with it: the op deletes a line break (joining the
     * words around it) where CLIP reads a space, and a tab right after punctuation leaves that punctuation
     * without its end-of-word mark. The special tokens written in a text are special to both.
     */
    @Test
    void lineBreaksAndTabsAfterPunctuationDifferAsDocumentedWhileLiteralSpecialsAgree() throws Exception {
        try (TokenizerGraphs tokenizers = graphs(ClipBpeFiles.small().writeInto(dir), MAX_LENGTH)) {
            for (String text : List.of("first line\nsecond line", "end.\tnext")) {
                assertFalse(Arrays.equals(tokenizers.referenceIds(text), tokenizers.graph().tokenIds(text)), text);
            }
            // Not "hello <|endoftext|>": a space before a literal special token crashes the 0.13.0 op (README).
            for (String text : List.of("first line \n second line", "<|startoftext|> hello<|endoftext|>")) {
                assertArrayEquals(tokenizers.referenceIds(text), tokenizers.graph().tokenIds(text), text);
            }
        }
    }

    /** The plugin's ids graph over {@code folder} beside the reference, both cutting at {@code maxLength}. */
    private static TokenizerGraphs graphs(Path folder, int maxLength) throws IOException {
        return TokenizerGraphs.open(new ClipTokenizer(), folder, new TokenizerOptions(true, maxLength));
    }
}
