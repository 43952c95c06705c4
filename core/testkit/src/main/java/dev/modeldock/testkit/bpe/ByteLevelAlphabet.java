package dev.modeldock.testkit.bpe;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * GPT-2's byte-level alphabet: every byte shown as one printable character ({@code bytes_to_unicode}
 * in GPT-2's encoder.py: printable Latin-1 bytes as themselves, the others from U+0100 on, so a space
 * is {@code Ġ}), and the regular expression that splits text into words before the merges apply.
 */
public final class ByteLevelAlphabet {
    /** GPT-2's pre-tokenizer, the one Hugging Face's ByteLevel pre-tokenizer uses. */
    public static final Pattern WORDS = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");

    private static final char[] BYTE_TO_CHAR = byteToChar();

    private ByteLevelAlphabet() {
    }

    /** The character standing for byte {@code b} (0-255). */
    public static char of(int b) {
        return BYTE_TO_CHAR[b & 0xff];
    }

    /** {@code text}'s UTF-8 bytes, each as its alphabet character. */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.append(of(b));
        }
        return out.toString();
    }

    private static char[] byteToChar() {
        char[] chars = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
            chars[b] = printable ? (char) b : (char) next++;
        }
        return chars;
    }
}
