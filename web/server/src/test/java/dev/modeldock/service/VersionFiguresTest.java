package dev.modeldock.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.modeldock.registry.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The figures of a version as its validation report states them, or none where it states none. */
class VersionFiguresTest {
    @Test
    void aConversionsParityGivesTheMinimumAsciiCosineAndTheNonAsciiAgreement() {
        String validation = Json.write(Map.of("parity", Map.of("passed", true, "minAsciiCosine", 0.9999,
                "ascii", Map.of("texts", 12, "tokenIdsAgree", 12, "minCosine", 0.999997),
                "non_ascii", Map.of("texts", 8, "tokenIdsAgree", 6, "minCosine", 0.97)), "metadata",
                "checked: no errors", "embeddingWidth", 384, "embeddingsPerSecond", 412.5));

        VersionFigures figures = VersionFigures.of(version(validation));

        assertEquals(3, figures.number());
        assertEquals(90_000_000L, figures.sizeBytes());
        assertEquals(0.999997, figures.minAsciiCosine(), "the measured figure, not the 0.9999 threshold");
        assertEquals(0.75, figures.nonAsciiAgreement());
        assertEquals(412.5, figures.embeddingsPerSecond());
        assertEquals("passed", figures.verdict());
    }

    @Test
    void anUploadedVersionHasItsSizeAndNoParityFigures() {
        String validation = Json.write(Map.of("metadata", Map.of("errors", List.of(), "warnings", List.of()),
                "runtime", "loads in ONNX Runtime with onnxruntime-extensions", "targetRelease", 23));

        VersionFigures figures = VersionFigures.of(version(validation));

        assertEquals(90_000_000L, figures.sizeBytes());
        assertNull(figures.minAsciiCosine());
        assertNull(figures.nonAsciiAgreement());
        assertNull(figures.embeddingsPerSecond());
        assertEquals("not measured", figures.verdict());
        assertEquals("not measured", VersionFigures.of(version(null)).verdict(), "no report at all");
    }

    @Test
    void aParityWithNoNonAsciiProbesStatesNoAgreementRatherThanDividingByZero() {
        String validation = Json.write(Map.of("parity", Map.of("passed", false, "ascii", Map.of("texts", 4,
                "tokenIdsAgree", 3, "minCosine", 0.91), "non_ascii", Map.of("texts", 0, "tokenIdsAgree", 0))));

        VersionFigures figures = VersionFigures.of(version(validation));

        assertNull(figures.nonAsciiAgreement());
        assertEquals(0.91, figures.minAsciiCosine());
        assertEquals("failed", figures.verdict());
    }

    private static Version version(String validation) {
        return new Version("minilm", 3, "a".repeat(64), 90_000_000L, null, "{}", "{}", validation, null, "alice",
                Instant.parse("2026-11-30T10:00:00Z"), List.of());
    }
}
