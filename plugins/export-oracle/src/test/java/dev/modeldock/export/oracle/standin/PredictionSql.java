package dev.modeldock.export.oracle.standin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scoring queries of rerankers and classifiers, one row from DUAL, rewritten into calls of the
 * stand-in's procedures:
 * <pre>
 * SELECT PREDICTION([schema.]model USING expr AS attribute[, expr AS attribute]...) FROM DUAL
 * SELECT PREDICTION_PROBABILITY([schema.]model[, class] USING ...) FROM DUAL
 * </pre>
 * where an expression is a bind ({@code ?}) or a string literal, and a class a bind, a string
 * literal or a number. Keywords are read in any case, as Oracle reads them.
 */
final class PredictionSql {
    private static final String LITERAL = "'(?:[^']|'')*'";
    private static final String EXPRESSION = "(?:\\?|" + LITERAL + ")";
    private static final String CLASS = "(?:\\?|" + LITERAL + "|-?\\d+(?:\\.\\d+)?)";
    private static final String ITEM = EXPRESSION + "\\s+AS\\s+" + ModelName.IDENTIFIER;
    static final Pattern QUERY = Pattern.compile("\\s*SELECT\\s+(PREDICTION|PREDICTION_PROBABILITY)\\s*\\(\\s*(?:("
            + ModelName.IDENTIFIER + ")\\s*\\.\\s*)?(" + ModelName.IDENTIFIER + ")\\s*(?:,\\s*(" + CLASS + ")\\s*)?"
            + "\\s+USING\\s+(" + ITEM + "(?:\\s*,\\s*" + ITEM + ")*)\\s*\\)\\s+FROM\\s+DUAL\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ITEMS = Pattern.compile("(" + EXPRESSION + ")\\s+AS\\s+(" + ModelName.IDENTIFIER
            + ")", Pattern.CASE_INSENSITIVE);

    private PredictionSql() {
    }

    /**
     * The H2 statement for a scoring query, or null when {@code sql} is none.
     *
     * @param predictsText whether PREDICTION on (owner, model) returns text, which decides the H2
     *                     function (and so the column's type) at prepare time, as Oracle types it then
     */
    static String toH2(String sql, String database, String user, BiPredicate<String, String> predictsText) {
        Matcher query = QUERY.matcher(sql);
        if (!query.matches()) {
            return null;
        }
        boolean probability = query.group(1).equalsIgnoreCase("PREDICTION_PROBABILITY");
        String owner = query.group(2) == null ? user : ModelName.identifier(query.group(2));
        String model = ModelName.identifier(query.group(3));
        String classValue = query.group(4);
        if (classValue != null && !probability) {
            return null;
        }
        List<String> arguments = new ArrayList<>(List.of(literal(database), literal(owner), literal(model)));
        String function;
        if (probability) {
            function = "STANDIN_PREDICTION_PROBABILITY";
            arguments.add(classValue == null ? "FALSE" : "TRUE");
            arguments.add(classValue == null ? "NULL" : expression(classValue));
        } else {
            function = predictsText.test(owner, model) ? "STANDIN_PREDICTION_TEXT" : "STANDIN_PREDICTION_NUMBER";
        }
        Matcher items = ITEMS.matcher(query.group(5));
        while (items.find()) {
            arguments.add(literal(ModelName.identifier(items.group(2))));
            arguments.add(expression(items.group(1)));
        }
        return "SELECT " + function + "(" + String.join(", ", arguments) + ") FROM DUAL";
    }

    /** A bind or a literal as a VARCHAR argument; a number keeps its digits as text. */
    private static String expression(String token) {
        if (token.equals("?")) {
            return "CAST(? AS VARCHAR)";
        }
        return token.startsWith("'") ? token : literal(token);
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
