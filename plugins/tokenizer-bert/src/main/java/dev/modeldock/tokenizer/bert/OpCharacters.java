package dev.modeldock.tokenizer.bert;

/**
 * What onnxruntime-extensions' BertTokenizer (0.13.0, {@code base/string_utils.cc}) does to one
 * character before WordPiece sees it, written out so the plugin can tell where Hugging Face's
 * normalizer would give something else. The op has no Unicode tables: it strips accents only from the
 * precomposed Latin-1 letters U+00C0-U+00FF and drops the combining marks U+0300-U+036F, and it
 * lowercases only A-Z, U+00C0-U+00DE, Cyrillic U+0410-U+042F, seven Greek capitals and a slice of
 * Greek Extended. Releases before 0.13 lowercase only A-Z and U+00C0-U+00DE, and a database may
 * ship one of them.
 */
final class OpCharacters {
    private static final String LATIN1_STRIPPED =
            "AAAAAAÆCEEEEIIIIÐNOOOOO×ØUUUUYÞßaaaaaaæceeeeiiiiðnooooo÷øuuuuyþy";

    private OpCharacters() {
    }

    /** The character the op looks up for {@code c}, or -1 where the op drops or splits it off. */
    static int seen(int c, boolean stripAccents, boolean lowercase) {
        int seen = stripAccents ? stripAccent(c) : c;
        seen = lowercase ? lower(seen) : seen;
        if (stripAccents && seen >= 0x300 && seen <= 0x36F) {
            return -1;
        }
        return seen;
    }

    /** As {@link #seen}, for releases before 0.13. */
    static int seenBefore013(int c, boolean stripAccents, boolean lowercase) {
        int seen = stripAccents ? stripAccent(c) : c;
        if (lowercase && (seen >= 'A' && seen <= 'Z' || seen >= 0xC0 && seen <= 0xDE)) {
            seen += 32;
        }
        if (stripAccents && seen >= 0x300 && seen <= 0x36F) {
            return -1;
        }
        return seen;
    }

    private static int stripAccent(int c) {
        return c < 0xC0 || c > 0xFF ? c : LATIN1_STRIPPED.charAt(c - 0xC0);
    }

    private static int lower(int c) {
        if (c >= 'A' && c <= 'Z') {
            return c + 32;
        }
        if (c >= 0xC0 && c <= 0xDE) {
            return c == 0xD7 ? c : c + 32; // × has no lowercase
        }
        if (c >= 0x1F08 && c <= 0x1F68) {
            return c + 32; // the op's "Greek" range: U+1F08 (Ἀ) to U+1F68 (Ὠ), shifted as the op does
        }
        if (c >= 0x410 && c <= 0x42F) {
            return c + 32;
        }
        return switch (c) {
            case 0x399, 0x39A, 0x39B, 0x39C, 0x39D, 0x39F, 0x3A0 -> c + 32; // Ι Κ Λ Μ Ν Ο Π
            default -> c;
        };
    }
}
