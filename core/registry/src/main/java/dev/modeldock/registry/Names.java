package dev.modeldock.registry;

import dev.modeldock.plugin.ModelDockException;
import java.util.regex.Pattern;

/**
 * The shapes of names the registry accepts. Names appear in URL paths and file names, so none may
 * contain a slash, a dot-dot or a control character; an alias may not be all digits, because a
 * version is addressed by number or by alias in the same place.
 */
public final class Names {
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]" + upTo(Limits.MODEL_NAME));
    private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]" + upTo(Limits.TARGET_NAME));
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z][A-Za-z0-9._-]" + upTo(Limits.ALIAS));
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]" + upTo(Limits.TAG));
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]" + upTo(Limits.USER_NAME));

    private Names() {
    }

    /** A model name, e.g. {@code minilm-l6}. */
    public static String model(String name) {
        return check("model name", name, MODEL, "letters, digits, '.', '_' and '-', at most " + Limits.MODEL_NAME
                + ", not starting with a punctuation mark");
    }

    public static String target(String name) {
        return check("target name", name, TARGET, "letters, digits, '.', '_' and '-', at most "
                + Limits.TARGET_NAME);
    }

    public static String alias(String name) {
        return check("alias", name, ALIAS, "a letter, then letters, digits, '.', '_' and '-', at most "
                + Limits.ALIAS);
    }

    public static String tag(String name) {
        return check("tag", name, TAG, "letters, digits, '.', '_', ':' and '-', at most " + Limits.TAG);
    }

    public static String user(String name) {
        return check("user name", name, USER, "letters, digits, '.', '_', '@' and '-', at most "
                + Limits.USER_NAME);
    }

    /** A regular expression's count for the characters after the first: up to {@code limit} in all. */
    private static String upTo(int limit) {
        return "{0," + (limit - 1) + "}";
    }

    private static String check(String what, String value, Pattern pattern, String allowed) {
        if (value == null || value.isEmpty()) {
            throw new ModelDockException("the " + what + " is missing");
        }
        if (!pattern.matcher(value).matches() || value.contains("..")) {
            throw new ModelDockException("'" + printable(value) + "' is not a valid " + what + ": use " + allowed);
        }
        return value;
    }

    /** The value as it can be shown in a one-line message: control characters escaped, length capped. */
    public static String printable(String value) {
        StringBuilder shown = new StringBuilder();
        value.codePoints().limit(80).forEach(c -> {
            if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        int length = value.codePointCount(0, value.length());
        return length > 80 ? shown + "… (" + length + " characters)" : shown.toString();
    }
}
