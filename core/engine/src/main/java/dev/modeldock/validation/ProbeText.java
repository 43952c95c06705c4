package dev.modeldock.validation;

/**
 * A text the pipeline is checked on.
 *
 * @param script which kind of text it is, deciding whether it can fail an export
 */
public record ProbeText(String text, Script script) {

    /** How a text relates to the in-graph tokenizer's known limits. */
    public enum Script {
        /** Plain ASCII: the in-graph tokenizer must agree exactly; a miss refuses the export. */
        ASCII,
        /** Other characters of the Basic Multilingual Plane: differences are reported, not fatal. */
        NON_ASCII,
        /** Characters above U+FFFF, which Java's runtime binding passes as surrogates: reported only. */
        SUPPLEMENTARY,
        /**
         * A special token's spelling written in text ({@code <mask>}, {@code [SEP]}): Hugging Face reads it
         * as that token, the in-graph tokenizer ops as plain text. Reported only, under no writing system.
         */
        SPECIAL_TOKENS;

        public static Script of(String text) {
            if (text.chars().allMatch(c -> c < 0x80)) {
                return ASCII;
            }
            return text.codePoints().anyMatch(c -> c > 0xFFFF) ? SUPPLEMENTARY : NON_ASCII;
        }
    }

    /** The writing system its figures are reported under (it does not decide anything). */
    public WritingSystem writingSystem() {
        return WritingSystem.of(text);
    }

    public static ProbeText of(String text) {
        return new ProbeText(text, Script.of(text));
    }

    /**
     * A text holding the special token's spelling, as a user's text might by accident. No space right
     * before it: onnxruntime-extensions 0.13.0's CLIPTokenizer crashes the process on a space before a
     * literal {@code <|endoftext|>} (tokenizer-clip's LiteralSpecialTokenCrashTest).
     */
    public static ProbeText withSpecialToken(String token) {
        return new ProbeText("the spelling (" + token + ") inside a sentence", Script.SPECIAL_TOKENS);
    }
}
