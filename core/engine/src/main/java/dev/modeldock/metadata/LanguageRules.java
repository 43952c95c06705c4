package dev.modeldock.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code languages}: each entry must be one of Oracle's language names or abbreviations
 * ({@link OracleLanguages}). Oracle documents no error code for this rule, so a problem carries
 * {@link OracleErrors#UNDOCUMENTED}.
 */
public final class LanguageRules {
    private LanguageRules() {
    }

    static void check(OnnxMetadata metadata, List<MetadataProblem> problems) {
        Object languages = metadata.languages();
        if (languages instanceof String text) {
            for (String entry : text.split(",", -1)) {
                checkOne("languages", entry, problems);
            }
        } else if (languages instanceof List<?> entries) {
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i) instanceof String entry) {
                    checkOne("languages[" + i + "]", entry, problems);
                }
            }
        }
    }

    /** The problems of a list of languages (a configuration's {@code languages}), before anything is built. */
    public static List<MetadataProblem> check(List<String> languages) {
        List<MetadataProblem> problems = new ArrayList<>();
        for (int i = 0; i < languages.size(); i++) {
            checkOne("languages[" + i + "]", languages.get(i), problems);
        }
        return problems;
    }

    private static void checkOne(String field, String entry, List<MetadataProblem> problems) {
        if (OracleLanguages.find(entry).isPresent()) {
            return;
        }
        List<OracleLanguages.Language> close = OracleLanguages.closeTo(entry);
        String fix = close.isEmpty()
                ? "Use a language name or abbreviation from Oracle's list (Globalization Support Guide, Table A-1),"
                        + " e.g. \"us\" (AMERICAN)."
                : "Did you mean " + close.stream().map(Object::toString).collect(Collectors.joining(", ")) + "?";
        problems.add(MetadataProblem.error(OracleErrors.UNDOCUMENTED, field, "\"" + entry.strip()
                + "\" is not an Oracle language name or abbreviation.", fix));
    }
}
