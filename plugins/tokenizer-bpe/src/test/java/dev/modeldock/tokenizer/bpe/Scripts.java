package dev.modeldock.tokenizer.bpe;

import dev.modeldock.testkit.plugin.TokenizerGraphs;
import dev.modeldock.validation.ProbeText;
import dev.modeldock.validation.ProbeTexts;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The texts the parity tests use: the built-in ASCII probes, and one line a script for the report. */
final class Scripts {
    static final Map<String, String> NON_ASCII = new LinkedHashMap<>();

    static {
        NON_ASCII.put("Latin", "\u00dcber caf\u00e9 na\u00efve r\u00e9sum\u00e9 fa\u00e7ade, Gr\u00f6\u00dfe");
        NON_ASCII.put("Greek", "\u0397 \u03b3\u03c1\u03ae\u03b3\u03bf\u03c1\u03b7 \u03ba\u03b1\u03c6\u03ad"
                + " \u03b1\u03bb\u03b5\u03c0\u03bf\u03cd");
        NON_ASCII.put("Cyrillic", "\u041c\u043e\u0441\u043a\u0432\u0430 \u2014"
                + " \u0441\u0442\u043e\u043b\u0438\u0446\u0430 \u0420\u043e\u0441\u0441\u0438\u0438.");
        NON_ASCII.put("CJK", "\u673a\u5668\u5b66\u4e60\u6a21\u578b\u5c06\u6587\u672c\u8f6c\u6362\u4e3a"
                + "\u5411\u91cf\u3002");
        NON_ASCII.put("Hangul", "\ud55c\uad6d\uc5b4 \ubb38\uc7a5\ub3c4 \ud14c\uc2a4\ud2b8\ud569\ub2c8\ub2e4.");
        NON_ASCII.put("Devanagari", "\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e");
        NON_ASCII.put("Arabic", "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645");
        NON_ASCII.put("Thai", "\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35\u0e0a\u0e32\u0e27\u0e42\u0e25\u0e01");
        NON_ASCII.put("emoji", "Emoji: I love pizza \ud83c\udf55 and rockets \ud83d\ude80!");
    }

    private Scripts() {
    }

    /** The built-in probe set's ASCII texts, which decide an export (the long one included). */
    static List<String> asciiProbes() {
        return ProbeTexts.builtIn().stream().filter(p -> p.script() == ProbeText.Script.ASCII)
                .map(ProbeText::text).toList();
    }

    /** Prints, per script, whether the graph's ids equal the reference's; returns how many agree. */
    static int report(String label, TokenizerGraphs tokenizers) {
        int agree = 0;
        for (Map.Entry<String, String> line : NON_ASCII.entrySet()) {
            long[] expected = tokenizers.referenceIds(line.getValue());
            long[] actual = tokenizers.graph().tokenIds(line.getValue());
            boolean same = Arrays.equals(expected, actual);
            agree += same ? 1 : 0;
            System.out.println(label + ", " + line.getKey() + ": " + (same ? "agrees" : "differs: reference "
                    + Arrays.toString(expected) + ", graph " + Arrays.toString(actual)));
        }
        System.out.println(label + ": " + agree + " of " + NON_ASCII.size() + " scripts agree");
        return agree;
    }
}
