package dev.modeldock.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.validation.ProbeText.Script;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Classifying probe texts by script, and the built-in probe set. */
class ProbeTextTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Hello, world!|ASCII",
            "tabs\tand ~ DEL\u007f|ASCII",
            "caf\u00e9|NON_ASCII",
            "\u0080|NON_ASCII",
            "\u6771\u4eac|NON_ASCII",
            "\uffff|NON_ASCII",
            "a\ud83d\ude00|SUPPLEMENTARY",
            "\u00e9 \ud800\udc00|SUPPLEMENTARY",
    })
    void scriptIsDecidedByTheHighestCharacter(String text, Script expected) {
        assertEquals(expected, Script.of(text));
        assertEquals(new ProbeText(text, expected), ProbeText.of(text));
    }

    @Test
    void anEmojiAfterALetterIsSupplementary() {
        assertEquals(Script.SUPPLEMENTARY, Script.of("a😀"));
    }

    @Test
    void theBuiltInSetHasEveryKindOfText() {
        Set<Script> scripts = ProbeTexts.builtIn().stream().map(ProbeText::script).collect(Collectors.toSet());
        assertEquals(Set.of(Script.ASCII, Script.NON_ASCII, Script.SUPPLEMENTARY), scripts);
    }

    @Test
    void anEmojiInsideTheBasicPlaneIsNonAsciiForTheDecisionAndEmojiForTheReport() {
        ProbeText probe = ProbeText.of("Weather today: \u2600 in the morning");
        assertEquals(Script.NON_ASCII, probe.script());
        assertEquals(WritingSystem.EMOJI, probe.writingSystem());
    }

    @Test
    void everyBuiltInProbeIsClassifiedByItsOwnText() {
        for (ProbeText probe : ProbeTexts.builtIn()) {
            assertEquals(Script.of(probe.text()), probe.script(), probe.text());
        }
    }

    @Test
    void theBuiltInSetHasA600WordText() {
        List<Integer> wordCounts = ProbeTexts.builtIn().stream()
                .map(p -> (int) Arrays.stream(p.text().trim().split("\\s+")).filter(w -> !w.isEmpty()).count())
                .toList();
        assertTrue(wordCounts.contains(600), "word counts: " + wordCounts);
    }

    @Test
    void longTextHasExactlyTheRequestedNumberOfWords() {
        for (int words : List.of(1, 17, 18, 600)) {
            String text = ProbeTexts.longText(words);
            assertEquals(words, text.split("\\s+").length, text);
            assertTrue(text.endsWith("."), text);
            assertEquals(Script.ASCII, Script.of(text));
        }
    }

    @Test
    void commentLinesAreNotProbesButWhitespaceInsideProbesIsKept() {
        List<String> texts = ProbeTexts.builtIn().stream().map(ProbeText::text).toList();
        assertTrue(texts.stream().noneMatch(t -> t.startsWith("#")), "a comment became a probe");
        assertTrue(texts.stream().noneMatch(String::isEmpty), "an empty line became a probe");
        assertTrue(texts.stream().anyMatch(t -> t.startsWith(" ") && t.endsWith(" ")),
                "the probe with leading and trailing whitespace lost it");
        assertTrue(texts.stream().anyMatch(t -> t.contains("\t")), "the probe with tabs lost them");
    }
}
