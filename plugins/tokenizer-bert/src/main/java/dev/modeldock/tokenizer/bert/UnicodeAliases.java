package dev.modeldock.tokenizer.bert;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Extra vocabulary lines that let the BertTokenizer op read letters it leaves accented or uppercase
 * as Hugging Face's tokenizer reads them. Hugging Face decomposes text (NFD), drops the nonspacing
 * marks and lowercases with Unicode's tables; the op only knows Latin-1 accents and a few capitals
 * ({@link OpCharacters}; releases before 0.13 even fewer), so it looks up "ά", "Ё", "が" or "ộ" where Hugging Face looks up "α", "е",
 * "か", "o". The op numbers vocabulary lines from 0 and finds a piece by its exact text, so each such
 * spelling is appended as a line of its own after the real vocabulary, and the graph maps its id back
 * to the id of the piece Hugging Face finds. Spellings that only an older release sees (an uppercase
 * Cyrillic letter, which 0.13 lowercases itself) are aliased too: a line the op never looks up costs
 * nothing, and the model then reads capitals right on whichever release the database ships.
 *
 * <p>Every single letter gets its aliases; a piece of two or three letters (Greek "##ης", Russian
 * "##ии") gets every spelling of its letters (polytonic Greek aside) when it has no ASCII letter and at
 * most {@value #MAX_SPELLINGS} spellings. Latin pieces ("##oi") would need thousands each and stay without.
 * Nothing helps where Hugging Face turns one character into several (Hangul syllables into jamo) or
 * into none (Devanagari and Thai marks).
 */
final class UnicodeAliases {
    static final int MAX_SPELLINGS = 128;
    /** Polytonic Greek: its many accented vowels would push every Greek piece of two letters over the bound. */
    private static final int GREEK_EXTENDED = 0x1F00;
    private static final int GREEK_EXTENDED_END = 0x1FFF;

    private UnicodeAliases() {
    }

    /** The alias lines and the ids they stand for, in text order so that the file is the same on every run. */
    static Map<String, Integer> of(Vocabulary vocabulary, String suffixIndicator, boolean stripAccents,
            boolean lowercase) {
        Map<Integer, Set<String>> spellings = new HashMap<>();
        Map<Integer, Set<String>> modernSpellings = new HashMap<>();
        for (int c = 0; c <= 0xFFFF; c++) {
            if (!Character.isLetter(c)) {
                continue;
            }
            String reference = reference(c, stripAccents, lowercase);
            if (reference.codePointCount(0, reference.length()) != 1) {
                continue;
            }
            int letter = reference.codePointAt(0);
            for (int seen : new int[] {OpCharacters.seen(c, stripAccents, lowercase),
                    OpCharacters.seenBefore013(c, stripAccents, lowercase)}) {
                if (seen < 0 || seen == letter) {
                    continue;
                }
                String surface = new String(Character.toChars(seen));
                spellings.computeIfAbsent(letter, key -> new LinkedHashSet<>()).add(surface);
                if (c < GREEK_EXTENDED || c > GREEK_EXTENDED_END) {
                    modernSpellings.computeIfAbsent(letter, key -> new LinkedHashSet<>()).add(surface);
                }
            }
        }
        Map<String, Integer> aliases = new TreeMap<>();
        for (String token : vocabulary.tokens()) {
            String prefix = token.startsWith(suffixIndicator) && token.length() > suffixIndicator.length()
                    ? suffixIndicator : "";
            String body = token.substring(prefix.length());
            int letters = body.codePointCount(0, body.length());
            Map<Integer, Set<String>> ways = letters == 1 ? spellings : modernSpellings;
            if (letters == 1 || (letters <= 3 && body.chars().noneMatch(ch -> ch < 0x80)
                    && spellingCount(body, ways) <= MAX_SPELLINGS)) {
                for (String spelling : spellings(body, ways)) {
                    alias(aliases, vocabulary, prefix + spelling, vocabulary.id(token));
                }
            }
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

    private static long spellingCount(String body, Map<Integer, Set<String>> spellings) {
        return body.codePoints().mapToLong(cp -> 1 + spellings.getOrDefault(cp, Set.of()).size())
                .reduce(1, Math::multiplyExact);
    }

    /** Every way the op could see {@code body} written, but {@code body} itself. */
    private static List<String> spellings(String body, Map<Integer, Set<String>> spellings) {
        List<String> written = List.of("");
        for (int cp : body.codePoints().toArray()) {
            List<String> longer = new ArrayList<>();
            for (String start : written) {
                longer.add(start + new String(Character.toChars(cp)));
                spellings.getOrDefault(cp, Set.of()).forEach(letter -> longer.add(start + letter));
            }
            written = longer;
        }
        return written.subList(1, written.size());
    }

    /** Two pieces the op would read alike but Hugging Face reads differently cancel out (marked -1). */
    private static void alias(Map<String, Integer> aliases, Vocabulary vocabulary, String surface, int target) {
        if (!vocabulary.contains(surface)) {
            aliases.merge(surface, target, (old, added) -> old.equals(added) ? old : -1);
        }
    }
}
