package dev.modeldock.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sorting texts into writing systems for the parity report's per-script figures. */
class WritingSystemTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Über café naïve résumé|LATIN",
            "Tiếng Việt có nhiều dấu.|LATIN",
            "Η βάση δεδομένων αποθηκεύει διανύσματα.|GREEK",
            "Москва — столица России.|CYRILLIC",
            "机器学习模型将文本转换为向量。|CJK",
            "データベースにベクトルを保存します。|CJK",
            "ㄅㄆㄇㄈ|CJK",
            "한국어 문장도 테스트합니다.|HANGUL",
            "मुझे हिंदी में किताबें पढ़ना पसंद है।|DEVANAGARI",
            "مرحبا بالعالم|ARABIC",
            "ฉันชอบอ่านหนังสือทุกวัน|THAI",
            "I love pizza 🍕|EMOJI",
            "Weather: ☀ then ☔|EMOJI",
            "see you in 🇫🇷|EMOJI",
            "שלום עולם|OTHER",
            "გამარჯობა|OTHER",
            "“—…” «»|OTHER",
    })
    void aTextIsInTheWritingSystemOfMostOfItsLetters(String text, WritingSystem expected) {
        assertEquals(expected, WritingSystem.of(text));
    }

    @Test
    void asciiOnlyTextIsLatinEvenWithoutLetters() {
        assertEquals(WritingSystem.LATIN, WritingSystem.of("Hello, world!"));
        assertEquals(WritingSystem.LATIN, WritingSystem.of("!!! ??? 42"));
        assertEquals(WritingSystem.LATIN, WritingSystem.of(""));
    }

    @Test
    void anEmojiDecidesAMixedTextWhateverItsLetters() {
        assertEquals(WritingSystem.EMOJI, WritingSystem.of("Москва — столица России 🚀"));
        assertEquals(WritingSystem.EMOJI, WritingSystem.of("東京 😀"));
    }

    @Test
    void aMixedTextGoesToTheScriptOfMostOfItsLetters() {
        assertEquals(WritingSystem.CYRILLIC, WritingSystem.of("Moscow: Москва, столица"));
        assertEquals(WritingSystem.LATIN, WritingSystem.of("Oracle Database 23ai in Москва"));
        assertEquals(WritingSystem.LATIN, WritingSystem.of("Rare ideograph 𠀀 and mathematical 𝐛𝐨𝐥𝐝 letters."),
                "mathematical letters belong to no script; one ideograph against many Latin letters");
        assertEquals(WritingSystem.CJK, WritingSystem.of("ONNXモデルをデータベースに読み込む"));
    }

    @Test
    void aTieGoesToTheWritingSystemListedFirst() {
        assertEquals(WritingSystem.GREEK, WritingSystem.of("αβ яю"));
        assertEquals(WritingSystem.LATIN, WritingSystem.of("ab яю"));
    }

    @Test
    void combiningSignsCountWithTheirScriptButPunctuationAndDigitsDoNot() {
        // The vowel sign in कि is a mark of the Devanagari script; the danda and ASCII digits belong to none.
        assertEquals(WritingSystem.DEVANAGARI, WritingSystem.of("कि 12345 a।"));
        assertEquals(WritingSystem.LATIN, WritingSystem.of("क 12345 ab।"));
    }

    @Test
    void keysAreLowerCaseNamesAndEveryBuiltInWritingSystemHasTwoProbeTexts() {
        assertEquals("cjk", WritingSystem.CJK.key());
        Map<WritingSystem, Integer> counts = new EnumMap<>(WritingSystem.class);
        ProbeTexts.builtIn().forEach(probe -> counts.merge(probe.writingSystem(), 1, Integer::sum));
        for (WritingSystem system : WritingSystem.values()) {
            if (system != WritingSystem.OTHER) {
                assertTrue(counts.getOrDefault(system, 0) >= 2, system + " has " + counts.get(system) + " texts");
            }
        }
    }
}
