package dev.modeldock.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whether an export passes: ASCII probes decide, other scripts are only reported. */
class ParityReportTest {
    private static final ProbeText ASCII = ProbeText.of("The quick brown fox.");
    private static final ProbeText OTHER_ASCII = ProbeText.of("What is the capital of France?");
    private static final ProbeText CYRILLIC = ProbeText.of("Москва — столица России.");
    private static final ProbeText EMOJI = ProbeText.of("I love pizza 🍕");

    @Test
    void anAsciiProbeAtCosine0999FailsTheExport() {
        ParityReport report = new ParityReport(Map.of());
        report.add(ASCII, true, 1e-6, 1.0);
        report.add(OTHER_ASCII, true, 0.05, 0.999);
        assertFalse(report.passed());
    }

    @Test
    void asciiProbesAtCosine099999PassTheExport() {
        ParityReport report = new ParityReport(Map.of());
        report.add(ASCII, true, 1e-6, 0.99999);
        report.add(OTHER_ASCII, true, 1e-6, 1.0);
        assertTrue(report.passed());
    }

    @Test
    void theThresholdItselfPasses() {
        ParityReport report = new ParityReport(Map.of());
        report.add(ASCII, true, 1e-4, ParityReport.MIN_ASCII_COSINE);
        assertTrue(report.passed());
    }

    @Test
    void aNanCosineOnAnAsciiProbeFailsTheExport() {
        ParityReport report = new ParityReport(Map.of());
        report.add(ASCII, true, Double.NaN, Double.NaN);
        report.add(OTHER_ASCII, true, 0.0, 1.0);
        assertFalse(report.passed());
    }

    @Test
    void aScoreReportIsDecidedByTheLargestAsciiDifferenceNotByCosine() {
        ParityReport close = new ParityReport(Map.of(), ParityReport.Outputs.PAIR_SCORES);
        close.add(ASCII, true, ParityReport.MAX_ASCII_SCORE_DIFFERENCE, Double.NaN);
        close.add(CYRILLIC, false, 0.5, Double.NaN); // reported only
        assertTrue(close.passed(), close.describe().toString());
        ParityReport far = new ParityReport(Map.of(), ParityReport.Outputs.PAIR_SCORES);
        far.add(ASCII, true, 2e-4, Double.NaN);
        assertFalse(far.passed());
        ParityReport nan = new ParityReport(Map.of(), ParityReport.Outputs.PAIR_SCORES);
        nan.add(ASCII, true, Double.NaN, Double.NaN);
        assertFalse(nan.passed());
    }

    @Test
    void aScoreReportLeavesCosineOut() {
        ParityReport report = new ParityReport(Map.of(), ParityReport.Outputs.PAIR_SCORES);
        report.add(ASCII, true, 1e-6, Double.NaN);
        report.add(CYRILLIC, true, 1e-6, Double.NaN);
        Map<String, Object> map = report.toMap();
        assertEquals(ParityReport.MAX_ASCII_SCORE_DIFFERENCE, map.get("maxAsciiScoreDifference"));
        assertFalse(map.toString().contains("inCosine"), map.toString());
        assertFalse(String.join("\n", report.describe()).contains("cosine"), report.describe().toString());
    }

    @Test
    void aReportWithOnlyNonAsciiProbesDoesNotPass() {
        // Only ASCII probes can prove an export; without one there is nothing to pass on.
        ParityReport report = new ParityReport(Map.of());
        report.add(CYRILLIC, true, 0.0, 1.0);
        assertFalse(report.passed());
    }

    @Test
    void nonAsciiAndSupplementaryFailuresDoNotFailTheExport() {
        ParityReport report = new ParityReport(Map.of());
        report.add(ASCII, true, 1e-6, 0.99999);
        report.add(CYRILLIC, false, 0.5, 0.2);
        report.add(EMOJI, false, 0.9, -0.3);
        assertTrue(report.passed());
    }

    /** An ASCII text holding "<mask>" is no ASCII probe: Hugging Face reads the spelling as the token. */
    @Test
    void specialTokenSpellingsAreReportedUnderTheirOwnKindNeverDecidingAndUnderNoWritingSystem() {
        ParityReport report = new ParityReport(Map.of());
        report.add(ASCII, true, 1e-6, 0.99999);
        report.add(ProbeText.withSpecialToken("<mask>"), false, 0.8, 0.1);
        assertTrue(report.passed());
        Map<String, Object> map = report.toMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> special = (Map<String, Object>) map.get("special_tokens");
        assertEquals(List.of("the spelling (<mask>) inside a sentence"), special.get("idsDiffer"));
        @SuppressWarnings("unchecked")
        Map<String, Object> latin = (Map<String, Object>) ((Map<String, Object>) map.get("scripts")).get("latin");
        assertEquals(1, latin.get("texts"), "only the ASCII probe counts for Latin: " + map);
        assertTrue(report.describe().stream().anyMatch(line -> line.startsWith("SPECIAL_TOKENS")
                && line.contains("reads a special token's spelling")), report.describe().toString());
    }

    @Test
    void differingTokenIdsAloneDoNotFailAnAsciiProbeThatEmbedsTheSame() {
        ParityReport report = new ParityReport(Map.of());
        report.add(ASCII, false, 0.0, 1.0);
        assertTrue(report.passed());
    }

    @Test
    void toMapHasTheTallyOfEachScript() {
        ParityReport report = new ParityReport(Map.of());
        report.add(ASCII, true, 0.001, 0.99995);
        report.add(OTHER_ASCII, false, 0.002, 0.99999);
        report.add(CYRILLIC, false, 0.5, 0.2);

        Map<String, Object> map = report.toMap();
        assertEquals(true, map.get("passed"));
        Map<?, ?> ascii = (Map<?, ?>) map.get("ascii");
        assertEquals(2, ascii.get("texts"));
        assertEquals(1, ascii.get("tokenIdsAgree"));
        assertEquals(0.002, (Double) ascii.get("maxAbsDifference"), 0.0);
        assertEquals(0.99995, (Double) ascii.get("minCosine"), 0.0);
        assertEquals(List.of(OTHER_ASCII.text()), ascii.get("idsDiffer"));
        Map<?, ?> nonAscii = (Map<?, ?>) map.get("non_ascii");
        assertEquals(1, nonAscii.get("texts"));
        assertEquals(0.2, (Double) nonAscii.get("minCosine"), 0.0);
    }

    @Test
    void describeHasOneLinePerScriptThenTheTextsWhoseIdsDifferedThenOnePerWritingSystem() {
        ParityReport report = new ParityReport(Map.of());
        report.add(ASCII, true, 0.0, 1.0);
        report.add(CYRILLIC, false, 0.5, 0.2);
        List<String> lines = report.describe();
        assertEquals(List.of(
                "ASCII          1 texts: token ids agree on 1, max abs diff 0.00e+00, min cosine 1.000000 (decides the export)",
                "NON_ASCII      1 texts: token ids agree on 0, max abs diff 5.00e-01, min cosine 0.200000 (reported: see"
                        + " the writing systems below)",
                "  ids differ (NON_ASCII): " + CYRILLIC.text(),
                "script Latin       1 texts: token ids agree on 1, min cosine 1.000000",
                "script Cyrillic    1 texts: token ids agree on 0, min cosine 0.200000 (" + ParityReport.UNEXPLAINED
                        + ")"), lines);
    }

    @Test
    void toMapTalliesEachWritingSystemPresentInAFixedOrderAfterTheScripts() {
        ParityReport report = new ParityReport(Map.of());
        report.add(EMOJI, false, 0.9, -0.3); // added first, listed after the letters
        report.add(ProbeText.of("ฉันชอบอ่านหนังสือทุกวัน"), false, 0.4, 0.6);
        report.add(CYRILLIC, true, 0.01, 0.95);
        report.add(ASCII, true, 1e-6, 0.99999);
        report.add(ProbeText.of("Über café naïve"), true, 1e-5, 0.9999);
        report.add(ProbeText.of("Я люблю читать книги."), false, 0.02, 0.9);

        Map<String, Object> map = report.toMap();
        assertEquals(List.of("passed", "minAsciiCosine", "ascii", "non_ascii", "supplementary", "scripts"),
                List.copyOf(map.keySet()));
        String unexplained = ParityReport.UNEXPLAINED;
        assertEquals(Map.of(
                "latin", Map.of("texts", 2, "tokenIdsAgree", 2, "minCosine", 0.9999),
                "cyrillic", Map.of("texts", 2, "tokenIdsAgree", 1, "minCosine", 0.9, "reason", unexplained),
                "thai", Map.of("texts", 1, "tokenIdsAgree", 0, "minCosine", 0.6, "reason", unexplained),
                "emoji", Map.of("texts", 1, "tokenIdsAgree", 0, "minCosine", -0.3, "reason", ParityReport.SURROGATES)),
                map.get("scripts"));
        Map<?, ?> scripts = (Map<?, ?>) map.get("scripts");
        assertEquals(List.of("latin", "cyrillic", "thai", "emoji"), List.copyOf(scripts.keySet()));
        assertEquals(List.of("texts", "tokenIdsAgree", "minCosine", "reason"),
                List.copyOf(((Map<?, ?>) scripts.get("thai")).keySet()));
        assertTrue(report.passed(), "writing systems other than ASCII Latin do not decide the export");
    }

    @Test
    void aFailingAsciiProbeFailsTheExportWhateverTheWritingSystemFigures() {
        ParityReport report = new ParityReport(Map.of());
        report.add(ASCII, true, 0.05, 0.99);
        report.add(ProbeText.of("Über café naïve"), true, 0.0, 1.0);
        assertFalse(report.passed());
        assertEquals(0.99, (Double) ((Map<?, ?>) ((Map<?, ?>) report.toMap().get("scripts")).get("latin"))
                .get("minCosine"), 0.0);
    }

    @Test
    void aWritingSystemWhoseIdsDifferCarriesTheTokenizersKnownLimitAndOneThatAgreesCarriesNone() {
        ParityReport report = new ParityReport(Map.of("thai", "the op keeps Thai marks", "latin", "never shown"));
        report.add(ProbeText.of("ฉันชอบอ่านหนังสือทุกวัน"), false, 0.4, 0.6);
        report.add(ASCII, true, 0.0, 1.0);
        Map<?, ?> scripts = (Map<?, ?>) report.toMap().get("scripts");
        assertEquals("the op keeps Thai marks", ((Map<?, ?>) scripts.get("thai")).get("reason"));
        assertFalse(((Map<?, ?>) scripts.get("latin")).containsKey("reason"), "every Latin text agreed");
        assertTrue(report.describe().contains(
                "script Thai        1 texts: token ids agree on 0, min cosine 0.600000 (the op keeps Thai marks)"),
                report.describe().toString());
    }
}
