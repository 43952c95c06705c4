package dev.modeldock.metadata;

import static dev.modeldock.metadata.Checks.assertOnly;
import static dev.modeldock.metadata.Checks.assertValid;
import static dev.modeldock.metadata.Checks.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.testkit.onnx.SmallModels;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** "languages": Oracle's documented language names and abbreviations, and close matches for the rest. */
class LanguageRulesTest {
    @TempDir
    static Path dir;
    static ModelSignature embedder;

    @BeforeAll
    static void model() {
        embedder = TestModels.signature(SmallModels.embedder("embedding"), dir);
    }

    private static List<MetadataProblem> withLanguages(String languages) {
        return check(embedder, "{'function': 'embedding', 'languages': " + languages + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"['us']", "['US', 'd', 'frc']", "['AMERICAN', 'german', 'Latin American Spanish']",
            "'us,d,zhs'", "'us, d'"})
    void documentedNamesAndAbbreviationsAreAcceptedIgnoringCase(String languages) {
        assertValid(withLanguages(languages));
    }

    @Test
    void anUnknownLanguageIsAProblemNamingItAndTheCloseMatches() {
        MetadataProblem problem = assertOnly(withLanguages("['us', 'germna']"), OracleErrors.UNDOCUMENTED,
                "languages[1]", "\"germna\"", "not an Oracle language");
        assertTrue(problem.fix().contains("\"d\" (GERMAN)"), problem.fix());
    }

    @Test
    void anIsoCodeIsPointedToOraclesAbbreviations() {
        MetadataProblem problem = assertOnly(withLanguages("['de']"), OracleErrors.UNDOCUMENTED, "languages[0]");
        assertTrue(problem.fix().contains("\"d\" (GERMAN)") && problem.fix().contains("\"din\" (GERMAN DIN)"),
                problem.fix());
        MetadataProblem threeLetters = assertOnly(withLanguages("['deu']"), OracleErrors.UNDOCUMENTED, "languages[0]");
        assertEquals("Did you mean \"d\" (GERMAN), \"din\" (GERMAN DIN)?", threeLetters.fix());
        MetadataProblem chinese = assertOnly(withLanguages("['zh']"), OracleErrors.UNDOCUMENTED, "languages[0]");
        assertTrue(chinese.fix().contains("\"zhs\" (SIMPLIFIED CHINESE)")
                && chinese.fix().contains("\"zht\" (TRADITIONAL CHINESE)"), chinese.fix());
    }

    @Test
    void aNameWithoutItsQualifierIsPointedToTheQualifiedOnes() {
        MetadataProblem problem = assertOnly(withLanguages("'us,chinese'"), OracleErrors.UNDOCUMENTED, "languages",
                "\"chinese\"");
        assertTrue(problem.fix().contains("SIMPLIFIED CHINESE"), problem.fix());
    }

    @Test
    void somethingFarFromEveryLanguageGetsTheListsSource() {
        MetadataProblem problem = assertOnly(withLanguages("['klingon']"), OracleErrors.UNDOCUMENTED, "languages[0]");
        assertTrue(problem.fix().contains("Table A-1"), problem.fix());
    }

    @Test
    void theListNamesEachLanguageAndAbbreviationOnce() {
        List<OracleLanguages.Language> all = OracleLanguages.all();
        Set<String> seen = new HashSet<>();
        for (OracleLanguages.Language language : all) {
            assertTrue(seen.add(language.name().toLowerCase()), "twice: " + language.name());
            assertTrue(seen.add(language.abbreviation().toLowerCase()), "twice: " + language.abbreviation());
        }
        assertEquals(new OracleLanguages.Language("AMERICAN", "us"), OracleLanguages.find(" us ").orElseThrow());
    }

    @Test
    void everyPreconfiguredModelsLanguagesAreOracles() {
        for (Object entry : EmbeddingModelConfig.showPreconfigured(true, null)) {
            for (Map.Entry<?, ?> model : ((Map<?, ?>) entry).entrySet()) {
                List<?> languages = (List<?>) ((Map<?, ?>) model.getValue()).get("languages");
                for (Object language : languages) {
                    assertTrue(OracleLanguages.find((String) language).isPresent(), model.getKey() + ": " + language);
                }
            }
        }
    }
}
