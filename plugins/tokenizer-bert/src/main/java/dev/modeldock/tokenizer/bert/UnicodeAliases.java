package dev.modeldock.tokenizer.bert;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Extra vocabulary lines that let the BertTokenizer op read single letters it leaves accented or
 * uppercase as Hugging Face's tokenizer would read them. Hugging Face decomposes text (NFD), drops the
 * nonspacing marks and lowercases with Unicode's tables; the op only knows Latin-1 accents and a few
 * capitals ({@link OpCharacters}), so it looks up "ά", "Ё", "が" or "ộ" where Hugging Face looks up
 * "α", "е", "か", "o". The op numbers vocabulary lines from 0 and finds a token by its exact text, so
 * each such letter (and its "##" continuation) is appended as a line of its own after the real
 * vocabulary, and its id is mapped back to the id of the letter Hugging Face would find.
 *
 * <p>Only single letters are aliased: a vocabulary piece of several letters with such a letter inside
 * (Greek "##ης" from "ής") still differs, as does anything Hugging Face turns into several characters
 * (Hangul syllables into jamo) or into none (Devanagari and Thai marks).
 */
final class UnicodeAliases {
    private UnicodeAliases() {
    }

    /**
     * The alias lines and the ids they stand for, in text order so that the file is the same on
     * every run. Empty when the op already reads every letter as Hugging Face does.
     */
    static Map<String, Integer> of(Vocabulary vocabulary, String suffixIndicator, boolean stripAccents,
            boolean lowercase) {
        Map<String, Integer> aliases = new TreeMap<>();
        for (int c = 0; c <= 0xFFFF; c++) {
            if (!Character.isLetter(c)) {
                continue;
            }
            int seen = OpCharacters.seen(c, stripAccents, lowercase);
            String reference = reference(c, stripAccents, lowercase);
            if (seen < 0 || reference.codePointCount(0, reference.length()) != 1 || reference.codePointAt(0) == seen) {
                continue;
            }
            String surface = new String(Character.toChars(seen));
            alias(aliases, vocabulary, surface, reference);
            alias(aliases, vocabulary, suffixIndicator + surface, suffixIndicator + reference);
        }
        aliases.values().removeIf(id -> id < 0);
        return aliases;
    }

    /** What Hugging Face's BertNormalizer makes of {@code c}: NFD without nonspacing marks, lowercased. */
    static String reference(int c, boolean stripAccents, boolean lowercase) {
        String text = new String(Character.toChars(c));
        if (stripAccents) {
            StringBuilder kept = new StringBuilder();
            Normalizer.normalize(text, Normalizer.Form.NFD).codePoints()
                    .filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK).forEach(kept::appendCodePoint);
            text = kept.toString();
        }
        return lowercase ? text.toLowerCase(Locale.ROOT) : text;
    }

    /** Two letters the op sees alike but Hugging Face reads differently cancel out (marked -1). */
    private static void alias(Map<String, Integer> aliases, Vocabulary vocabulary, String surface, String reference) {
        int target = vocabulary.id(reference);
        if (target < 0 || vocabulary.contains(surface)) {
            return;
        }
        aliases.merge(surface, target, (old, added) -> old.equals(added) ? old : -1);
    }
}
