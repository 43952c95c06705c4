package dev.modeldock.metadata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Oracle's rules for unquoted identifiers: a letter first, then letters, digits, '_', '$' and '#';
 * not a reserved word; case-insensitive (stored uppercase); at most 128 bytes. A mining model name
 * takes at most 123.
 */
public final class OracleNames {
    /** Longest identifier, in bytes (Oracle 12.2 and later). */
    public static final int MAX_IDENTIFIER_BYTES = 128;
    /** Longest mining model name, in bytes. */
    public static final int MAX_MODEL_NAME_BYTES = 123;

    private static final Pattern UNQUOTED = Pattern.compile("\\p{L}[\\p{L}\\p{Nd}_$#]*");
    private static final Set<String> RESERVED = reservedWords();

    private OracleNames() {
    }

    /** Why {@code identifier} is not a valid unquoted identifier of at most {@code maxBytes} bytes, if it is not. */
    public static Optional<String> identifierProblem(String identifier, int maxBytes) {
        if (identifier == null || identifier.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (!UNQUOTED.matcher(identifier).matches()) {
            return Optional.of("'" + identifier + "' must start with a letter and hold only letters, digits, '_',"
                    + " '$' and '#'");
        }
        if (RESERVED.contains(canonical(identifier))) {
            return Optional.of("'" + identifier + "' is an Oracle reserved word");
        }
        int bytes = identifier.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            return Optional.of("'" + identifier + "' is " + bytes + " bytes long; at most " + maxBytes + " are allowed");
        }
        return Optional.empty();
    }

    /** Why {@code name} is not a valid {@code [schema.]model} name, if it is not. */
    public static Optional<String> modelNameProblem(String name) {
        if (name == null) {
            return Optional.of("no model name is given");
        }
        int dot = name.indexOf('.');
        if (dot >= 0) {
            Optional<String> schema = identifierProblem(name.substring(0, dot), MAX_IDENTIFIER_BYTES)
                    .map(why -> "the schema name is not valid: " + why);
            return schema.isPresent() ? schema : identifierProblem(name.substring(dot + 1), MAX_MODEL_NAME_BYTES)
                    .map(why -> "the model name is not valid: " + why);
        }
        return identifierProblem(name, MAX_MODEL_NAME_BYTES).map(why -> "the model name is not valid: " + why);
    }

    /** {@code text} cut to at most {@code maxBytes} bytes of UTF-8, never inside a character. */
    public static String truncateToBytes(String text, int maxBytes) {
        int end = 0;
        int bytes = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    /** How Oracle stores an unquoted identifier: uppercase. */
    public static String canonical(String identifier) {
        return identifier.toUpperCase(Locale.ROOT);
    }

    private static Set<String> reservedWords() {
        Set<String> words = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                OracleNames.class.getResourceAsStream("oracle-reserved-words.txt"), StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.startsWith("#"))
                    .forEach(line -> words.addAll(Arrays.asList(line.trim().split("\\s+"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Oracle's reserved words", e);
        }
        words.remove("");
        return Set.copyOf(words);
    }
}
