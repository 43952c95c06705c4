package dev.modeldock.ui.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.service.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading stored validation reports for the pages: with the writing-system part and without it. */
class ValidationReportTest {
    private static final String KINDS = """
            "passed": true, "minAsciiCosine": 0.9999,
            "ascii": {"texts": 24, "tokenIdsAgree": 24, "maxAbsDifference": 1e-8, "minCosine": 1.0, "idsDiffer": []},
            "non_ascii": {"texts": 25, "tokenIdsAgree": 15, "maxAbsDifference": 0.19, "minCosine": 0.24,
                          "idsDiffer": ["한국어 문장도 테스트합니다."]}""";

    @Test
    void aReportStoredBeforeWritingSystemsWereReportedHasItsKindsOfTextAndNoWritingSystems() {
        ValidationReport report = ValidationReport.of(Json.tree("{\"parity\": {" + KINDS + "}}"));
        assertEquals(List.of("ascii", "non_ascii"), report.parity().stream().map(ValidationReport.Parity::script)
                .toList());
        assertEquals(List.of(), report.scripts());
        assertNull(report.writingSystem("latin"));
        assertTrue(report.passed());
    }

    @Test
    void theWritingSystemsAreReadInTheStoredOrderAndAreNotAKindOfText() {
        ValidationReport report = ValidationReport.of(Json.tree("{\"parity\": {" + KINDS + """
                , "scripts": {"latin": {"texts": 33, "tokenIdsAgree": 31, "minCosine": 0.582688},
                              "cjk": {"texts": 3, "tokenIdsAgree": 1, "minCosine": 0.758183},
                              "klingon": {"texts": 2, "tokenIdsAgree": 2, "minCosine": 1.0}}}}"""));
        assertEquals(2, report.parity().size(), "scripts is not a row of the kinds of text");
        assertEquals(List.of("Latin", "CJK", "klingon"), report.scripts().stream().map(ScriptAgreement::label)
                .toList(), "a writing system this release does not know keeps its stored name");
        ScriptAgreement cjk = report.writingSystem("cjk");
        assertEquals("1 / 3", cjk.agreement());
        assertEquals("0.758183", cjk.closeness());
        assertEquals(false, cjk.allAgree());
        assertTrue(report.writingSystem("klingon").allAgree());
    }

    /** A reranker's or classifier's report has no cosine: the page shows the difference that decided it. */
    @Test
    void aReportDecidedByDifferenceShowsDifferencesNotACosineOfZero() {
        ValidationReport report = ValidationReport.of(Json.tree("""
                {"parity": {"passed": true, "maxAsciiScoreDifference": 1e-4,
                 "ascii": {"texts": 24, "tokenIdsAgree": 24, "maxAbsDifference": 5.96e-8, "idsDiffer": []},
                 "scripts": {"latin": {"texts": 33, "tokenIdsAgree": 31, "maxAbsDifference": 0.0039}}}}"""));
        assertTrue(report.byDifference());
        assertNull(report.minCosine());
        assertEquals(1e-4, report.maxDifference());
        assertEquals("—", report.figures("ascii").cosine());
        assertEquals("3.90e-03", report.writingSystem("latin").closeness());
    }

    @Test
    void anUploadsReportHasNeitherKindsOfTextNorWritingSystems() {
        ValidationReport report = ValidationReport.of(Json.tree("{\"runtime\": \"loads\", \"metadata\": {}}"));
        assertEquals(List.of(), report.parity());
        assertEquals(List.of(), report.scripts());
        assertNull(report.passed());
    }
}
