package dev.modeldock.ui.page;

import dev.modeldock.service.Json;
import dev.modeldock.service.VersionFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The model page's chart of its versions' figures over time, as the data the page script draws
 * ({@code assets/model-chart.js}): one small chart per figure, oldest version first, JSON in data-*
 * attributes. A figure no version has (embeddings/s before any was measured) gets no chart.
 *
 * @param labels the x axis as JSON: {@code "v3"} per version
 * @param dates  when each version was made, as JSON, for the tooltips
 */
public record FiguresChart(String labels, String dates, List<Series> series) {
    /**
     * One figure over the versions.
     *
     * @param values JSON numbers, {@code null} where a version has no such figure
     */
    public record Series(String id, String label, String values) {
    }

    /** @param figures newest first, as the versions table lists them */
    public static FiguresChart of(List<VersionFigures> figures) {
        List<VersionFigures> oldestFirst = new ArrayList<>(figures);
        java.util.Collections.reverse(oldestFirst);
        List<String> labels = oldestFirst.stream().map(f -> "v" + f.number()).toList();
        List<String> dates = oldestFirst.stream().map(f -> ModelFormats.minute(f.createdAt())).toList();
        List<Series> series = new ArrayList<>();
        add(series, oldestFirst, "size", "Size (MB)", f -> f.sizeBytes() / 1_000_000.0);
        add(series, oldestFirst, "cosine", "Minimum ASCII cosine", VersionFigures::minAsciiCosine);
        add(series, oldestFirst, "agreement", "Non-ASCII token agreement (%)",
                f -> f.nonAsciiAgreement() == null ? null : f.nonAsciiAgreement() * 100);
        add(series, oldestFirst, "throughput", "Embeddings/s", VersionFigures::embeddingsPerSecond);
        return new FiguresChart(Json.write(labels), Json.write(dates), series);
    }

    private static void add(List<Series> into, List<VersionFigures> figures, String id, String label,
            Function<VersionFigures, Double> figure) {
        List<Double> values = figures.stream().map(figure).toList();
        if (values.stream().anyMatch(Objects::nonNull)) {
            into.add(new Series(id, label, Json.write(values)));
        }
    }
}
