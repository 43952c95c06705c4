package dev.modeldock.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.registry.Version;
import java.time.Instant;

/**
 * The figures a version is charted and compared by, read from its stored validation report: a
 * conversion's parity with the reference ({@code parity.ascii.minCosine}, the share of non-ASCII
 * probes whose token ids agreed), and the throughput when one was measured
 * ({@code embeddingsPerSecond}). An uploaded version has no parity report: those figures are null.
 *
 * @param minAsciiCosine      the lowest cosine similarity to the reference over the ASCII probes
 * @param nonAsciiAgreement   the share (0 to 1) of non-ASCII probes whose token ids matched the reference's
 * @param embeddingsPerSecond embeddings per second when measured
 * @param parityPassed        whether parity passed; null when not measured
 */
public record VersionFigures(int number, Instant createdAt, long sizeBytes, Double minAsciiCosine,
        Double nonAsciiAgreement, Double embeddingsPerSecond, Boolean parityPassed) {

    public static VersionFigures of(Version version) {
        JsonNode validation = Json.tree(version.validation());
        JsonNode parity = validation == null ? null : validation.get("parity");
        JsonNode nonAscii = parity == null ? null : parity.get("non_ascii");
        Double agreement = null;
        if (nonAscii != null && nonAscii.path("texts").asInt() > 0) {
            agreement = nonAscii.path("tokenIdsAgree").asDouble() / nonAscii.path("texts").asInt();
        }
        return new VersionFigures(version.number(), version.createdAt(), version.sizeBytes(),
                number(parity == null ? null : parity.path("ascii").get("minCosine")), agreement,
                number(validation == null ? null : validation.get("embeddingsPerSecond")),
                parity != null && parity.get("passed") != null ? parity.get("passed").asBoolean() : null);
    }

    /** A parity verdict for people: {@code passed}, {@code failed}, or {@code not measured}. */
    public String verdict() {
        return parityPassed == null ? "not measured" : parityPassed ? "passed" : "failed";
    }

    private static Double number(JsonNode node) {
        return node != null && node.isNumber() ? node.asDouble() : null;
    }
}
