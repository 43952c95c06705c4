package dev.modeldock.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.modeldock.onnx.ModelSignature;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Running the checker on JSON text and asserting on the problems it finds. */
final class Checks {
    private Checks() {
    }

    /** The mapping of the fixtures' float "input" [batch, 4] to four attributes, to put in a document. */
    static final String FOUR_FEATURES = "'input': {'input': ['F1', 'F2', 'F3', 'F4']}";

    /** JSON written with single quotes for readability: every ' becomes ". */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** Checks {@code singleQuotedJson} (see {@link #json}) against {@code signature}, knowing nothing else. */
    static List<MetadataProblem> check(ModelSignature signature, String singleQuotedJson) {
        return MetadataChecker.check(signature, json(singleQuotedJson), CheckContext.none());
    }

    static List<MetadataProblem> errors(List<MetadataProblem> problems) {
        return problems.stream().filter(MetadataProblem::isError).toList();
    }

    /** Asserts that no problem is an error (warnings are allowed). */
    static void assertValid(List<MetadataProblem> problems) {
        List<MetadataProblem> errors = errors(problems);
        assertTrue(errors.isEmpty(), () -> "expected no errors but got:\n" + lines(errors));
    }

    /**
     * Asserts that one problem has {@code code} and {@code field} and a message holding every one of
     * {@code words} (ignoring case); returns it.
     */
    static MetadataProblem assertProblem(List<MetadataProblem> problems, String code, String field, String... words) {
        List<MetadataProblem> matching = problems.stream()
                .filter(p -> p.code().equals(code) && p.field().equals(field)).toList();
        if (matching.isEmpty()) {
            fail("expected " + code + " on field '" + field + "' but got:\n" + lines(problems));
        }
        for (MetadataProblem problem : matching) {
            String message = problem.message().toLowerCase(Locale.ROOT);
            boolean all = true;
            for (String word : words) {
                all &= message.contains(word.toLowerCase(Locale.ROOT));
            }
            if (all) {
                assertTrue(problem.fix() != null && !problem.fix().isBlank(), "a problem without a fix: " + problem);
                return problem;
            }
        }
        fail("no " + code + " on '" + field + "' mentions all of " + List.of(words) + ":\n" + lines(matching));
        return null;
    }

    /** Like {@link #assertProblem}, and asserts it is the only error. */
    static MetadataProblem assertOnly(List<MetadataProblem> problems, String code, String field, String... words) {
        MetadataProblem problem = assertProblem(problems, code, field, words);
        assertEquals(1, errors(problems).size(), () -> "expected only " + code + " but got:\n" + lines(problems));
        assertTrue(problem.isError(), () -> "expected an error: " + problem);
        return problem;
    }

    /** Asserts that no problem carries {@code code}. */
    static void assertNoCode(List<MetadataProblem> problems, String code) {
        assertTrue(problems.stream().noneMatch(p -> p.code().equals(code)),
                () -> "did not expect " + code + " but got:\n" + lines(problems));
    }

    static String lines(List<MetadataProblem> problems) {
        return problems.isEmpty() ? "  (none)" : problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
