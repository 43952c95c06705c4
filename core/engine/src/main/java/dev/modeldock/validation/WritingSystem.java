package dev.modeldock.validation;

import java.lang.Character.UnicodeScript;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which writing system a probe text is in, for reporting token-id agreement by script. It only sorts
 * the figures: whether an export passes stays with {@link ProbeText.Script}.
 *
 * <p>ASCII-only text is {@link #LATIN}; a text holding an emoji code point is {@link #EMOJI} whatever
 * else it holds; otherwise the writing system of most of its characters that belong to a script
 * (letters and combining signs; punctuation, digits and spaces do not count), the first in this order
 * on a tie. A text with none of those, or mostly of a script not listed, is {@link #OTHER}.
 */
public enum WritingSystem {
    LATIN("Latin"),
    GREEK("Greek"),
    CYRILLIC("Cyrillic"),
    /** Han, Hiragana, Katakana and Bopomofo: Chinese and Japanese text mixes them within a sentence. */
    CJK("CJK"),
    HANGUL("Hangul"),
    DEVANAGARI("Devanagari"),
    ARABIC("Arabic"),
    THAI("Thai"),
    EMOJI("Emoji"),
    OTHER("Other");

    private final String label;

    WritingSystem(String label) {
        this.label = label;
    }

    /** The name for people, such as {@code CJK} or {@code Devanagari}. */
    public String label() {
        return label;
    }

    /** The name as a report's JSON key: {@code latin}, {@code cjk}, {@code emoji}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WritingSystem of(String text) {
        if (text.chars().allMatch(c -> c < 0x80)) {
            return LATIN;
        }
        if (text.codePoints().anyMatch(WritingSystem::isEmoji)) {
            return EMOJI;
        }
        Map<WritingSystem, Integer> counts = new EnumMap<>(WritingSystem.class);
        text.codePoints().mapToObj(UnicodeScript::of).map(WritingSystem::of)
                .filter(Objects::nonNull)
                .forEach(system -> counts.merge(system, 1, Integer::sum));
        WritingSystem most = OTHER;
        int mostCount = 0;
        for (Map.Entry<WritingSystem, Integer> count : counts.entrySet()) { // in declaration order: ties go first
            if (count.getValue() > mostCount) {
                most = count.getKey();
                mostCount = count.getValue();
            }
        }
        return most;
    }

    /** The writing system of a script; null for characters of no script (Common, Inherited, Unknown). */
    private static WritingSystem of(UnicodeScript script) {
        return switch (script) {
            case COMMON, INHERITED, UNKNOWN -> null;
            case LATIN -> LATIN;
            case GREEK -> GREEK;
            case CYRILLIC -> CYRILLIC;
            case HAN, HIRAGANA, KATAKANA, BOPOMOFO -> CJK;
            case HANGUL -> HANGUL;
            case DEVANAGARI -> DEVANAGARI;
            case ARABIC -> ARABIC;
            case THAI -> THAI;
            default -> OTHER;
        };
    }

    /**
     * Whether a code point is in one of the pictographic emoji blocks. Java 17 has no
     * {@code Character.isEmoji}; these blocks hold the emoji people type (faces, objects, transport,
     * flags' regional indicators, the older symbols and dingbats such as ☀ and ✈).
     */
    static boolean isEmoji(int codePoint) {
        return codePoint >= 0x1F300 && codePoint <= 0x1F6FF // pictographs, emoticons, transport and map
                || codePoint >= 0x1F900 && codePoint <= 0x1FAFF // supplemental pictographs, symbols extended-A
                || codePoint >= 0x1F1E6 && codePoint <= 0x1F1FF // regional indicators (flags)
                || codePoint >= 0x2600 && codePoint <= 0x27BF; // miscellaneous symbols, dingbats
    }
}
