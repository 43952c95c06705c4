package dev.modeldock.testkit.fuzz;

/** Values as a case's description shows them: short, printable, and saying how long they were. */
final class FuzzText {
    private static final int SHOWN = 40;

    private FuzzText() {
    }

    static String brief(String value) {
        StringBuilder shown = new StringBuilder("'");
        value.codePoints().limit(SHOWN).forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0xd800 && c <= 0xdfff) || c == 0x202e || c == 0xfeff) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        shown.append('\'');
        if (value.length() > SHOWN) {
            shown.append(" (").append(value.length()).append(" chars)");
        }
        return shown.toString();
    }
}
