package dev.modeldock.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with a JSON document, in words for its author: which field ({@code config.max_seq_length},
 * empty for the document itself), what was wrong or expected, and where (line and column). The one
 * place where Jackson's failures become messages, because Jackson's own quote the input (a file
 * the server was tricked into reading may hold a secret) and name Java types and classes.
 *
 * @param field   the field's path, dotted, with {@code [i]} for array items; empty for the document
 * @param problem what was wrong, e.g. "wrong type, expected a whole number"; never the input itself
 * @param line    1-based, or 0 when unknown
 * @param column  1-based, or 0 when unknown
 */
public record JsonProblem(String field, String problem, int line, int column) {
    /** Jackson's fixed phrases for what a parser wanted; only these are repeated, never what it found. */
    private static final Pattern EXPECTING = Pattern.compile("(?:was )?expect(?:ing|ed) ([A-Za-z ,()'-]{3,120})$");

    /** The problem {@code e} reports. */
    public static JsonProblem of(JacksonException e) {
        JsonLocation where = e.getLocation();
        int line = where == null ? 0 : Math.max(0, where.getLineNr());
        int column = where == null ? 0 : Math.max(0, where.getColumnNr());
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new JsonProblem(path(unknown), "unknown field", line, column);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new JsonProblem(path(mismatch), "wrong type, expected " + kind(mismatch.getTargetType()), line,
                    column);
        }
        StreamReadException read = streamRead(e);
        String original = read == null ? "" : String.valueOf(read.getOriginalMessage());
        // The parser knows the key it stood at; a deserializer's path ends at the property it was filling.
        String field = read != null && read.getProcessor() != null ? path(read.getProcessor().getParsingContext())
                : e instanceof JsonMappingException mapping ? path(mapping) : "";
        if (original.startsWith("Duplicate field")) {
            return new JsonProblem(field, "appears more than once", line, column);
        }
        if (read instanceof JsonEOFException) {
            return new JsonProblem(field, "malformed JSON, it ends before it is complete", line, column);
        }
        Matcher expecting = EXPECTING.matcher(original.lines().findFirst().orElse("").strip());
        return new JsonProblem(field, expecting.find() ? "malformed JSON, expected " + expected(expecting.group(1))
                : read != null ? "malformed JSON" : "does not fit what was expected", line, column);
    }

    /**
     * One line: {@code field 'config.max_seq_length': wrong type, expected a whole number (line 1, column 31)},
     * or without the field for a problem of the document as a whole.
     */
    public String describe() {
        String where = line > 0 ? " (line " + line + (column > 0 ? ", column " + column : "") + ")" : "";
        return (field.isEmpty() ? "" : "field '" + field + "': ") + problem + where;
    }

    /**
     * The same problem without the field: for a file whose keys are its content (a file the server
     * was pointed at may be another's secret), only what was wrong and where.
     */
    public JsonProblem withoutField() {
        return new JsonProblem("", problem, line, column);
    }

    /** Jackson's words for any JSON value, said plainly. */
    private static String expected(String jackson) {
        return jackson.startsWith("(JSON String") || jackson.startsWith("a valid value")
                ? "a value (a string in double quotes, a number, an object, an array, true, false or null)" : jackson;
    }

    /** A Java type as the JSON it takes, e.g. "a whole number"; never the type's own name. */
    private static String kind(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", Arrays.stream(type.getEnumConstants())
                    .map(String::valueOf).toList());
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static StreamReadException streamRead(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException read) {
                return read;
            }
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(printable(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Where a parser stood: the key it was reading and the keys and indexes above it. */
    private static String path(JsonStreamContext context) {
        Deque<String> names = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                names.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                names.addFirst("." + printable(c.getCurrentName()));
            }
        }
        String path = String.join("", names);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** A key as it can stand in a one-line message: control characters escaped, at most 100 characters. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(100).forEach(c -> out.append(Character.isISOControl(c)
                ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return name.codePointCount(0, name.length()) > 100 ? out + "…" : out.toString();
    }
}
