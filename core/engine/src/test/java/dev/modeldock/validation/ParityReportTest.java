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
        ParityReport report = new ParityReport();
        report.add(ASCII, true, 1e-6, 1.0);
        report.add(OTHER_ASCII, true, 0.05, 0.999);
        assertFalse(report.passed());
    }

    @Test
    void asciiProbesAtCosine099999PassTheExport() {
        ParityReport report = new ParityReport();
        report.add(ASCII, true, 1e-6, 0.99999);
        report.add(OTHER_ASCII, true, 1e-6, 1.0);
        assertTrue(report.passed());
    }

    @Test
    void theThresholdItselfPasses() {
        ParityReport report = new ParityReport();
        report.add(ASCII, true, 1e-4, ParityReport.MIN_ASCII_COSINE);
        assertTrue(report.passed());
    }

    @Test
    void aNanCosineOnAnAsciiProbeFailsTheExport() {
        ParityReport report = new ParityReport();
        report.add(ASCII, true, Double.NaN, Double.NaN);
        report.add(OTHER_ASCII, true, 0.0, 1.0);
        assertFalse(report.passed());
    }

    @Test
    void aReportWithOnlyNonAsciiProbesDoesNotPass() {
        // Only ASCII probes can prove an export; without one there is nothing to pass on.
        ParityReport report = new ParityReport();
        report.add(CYRILLIC, true, 0.0, 1.0);
        assertFalse(report.passed());
    }

    @Test
    void nonAsciiAndSupplementaryFailuresDoNotFailTheExport() {
        ParityReport report = new ParityReport();
        report.add(ASCII, true, 1e-6, 0.99999);
        report.add(CYRILLIC, false, 0.5, 0.2);
        report.add(EMOJI, false, 0.9, -0.3);
        assertTrue(report.passed());
    }

    @Test
    void differingTokenIdsAloneDoNotFailAnAsciiProbeThatEmbedsTheSame() {
        ParityReport report = new ParityReport();
        report.add(ASCII, false, 0.0, 1.0);
        assertTrue(report.passed());
    }

    @Test
    void toMapHasTheTallyOfEachScript() {
        ParityReport report = new ParityReport();
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
    void describeHasOneLinePerScriptThenTheTextsWhoseIdsDiffered() {
        ParityReport report = new ParityReport();
        report.add(ASCII, true, 0.0, 1.0);
        report.add(CYRILLIC, false, 0.5, 0.2);
        List<String> lines = report.describe();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("ASCII"), lines.get(0));
        assertTrue(lines.get(1).startsWith("NON_ASCII"), lines.get(1));
        assertTrue(lines.get(2).contains(CYRILLIC.text()), lines.get(2));
    }
}
