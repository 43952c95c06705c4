package dev.modeldock.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@code with} refuses, and what the refusals say. */
class EmbeddingModelConfigValidationTest {

    private static final List<String> DOCUMENTED_PROPERTIES = List.of("post_processors", "max_seq_length",
            "do_lower_case", "quantize_model", "distance_metrics", "languages", "use_float16", "labels");

    private static ModelDockException refused(Map<String, ?> properties) {
        return assertThrows(ModelDockException.class, () -> EmbeddingModelConfig.defaults().with(properties));
    }

    @Test
    void anUnknownPropertyIsRefusedNamingItAndListingTheValidOnes() {
        ModelDockException e = refused(Map.of("maxSeqLength", 128));
        assertTrue(e.getMessage().contains("maxSeqLength"), e.getMessage());
        for (String property : DOCUMENTED_PROPERTIES) {
            assertTrue(e.getMessage().contains(property), "does not list " + property + ": " + e.getMessage());
        }
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("max_seq_length", "abc"),
                Arguments.of("max_seq_length", 0),
                Arguments.of("max_seq_length", -128),
                Arguments.of("max_seq_length", 1.5),
                Arguments.of("max_seq_length", 3_000_000_000L),
                Arguments.of("max_seq_length", "128"),
                Arguments.of("do_lower_case", "yes"),
                Arguments.of("do_lower_case", "true"),
                Arguments.of("do_lower_case", 1),
                Arguments.of("quantize_model", "false"),
                Arguments.of("use_float16", 0),
                Arguments.of("distance_metrics", "COSINE"),
                Arguments.of("distance_metrics", List.of(1)),
                Arguments.of("languages", "us"),
                Arguments.of("labels", "positive"),
                Arguments.of("labels", List.of(0, 1)),
                Arguments.of("labels", List.of()),
                Arguments.of("labels", List.of("positive", " ")),
                Arguments.of("post_processors", Map.of("name", "Normalize")),
                Arguments.of("post_processors", List.of("Normalize")));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("wrongTypes")
    void aValueOfTheWrongTypeIsRefusedNamingTheProperty(String property, Object value) {
        ModelDockException e = refused(Map.of(property, value));
        assertTrue(e.getMessage().contains(property), e.getMessage());
    }

    @Test
    void aNullValueIsRefusedRatherThanTakenAsUnset() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("do_lower_case", null);
        ModelDockException e = refused(properties);
        assertTrue(e.getMessage().contains("do_lower_case"), e.getMessage());
    }

    @Test
    void aWholeNumberGivenAsADoubleIsAcceptedForMaxSeqLength() {
        // JSON readers may hand 128.0 for 128; it is still a whole number.
        assertEquals(128, EmbeddingModelConfig.defaults().with(Map.of("max_seq_length", 128.0))
                .maxSeqLength().getAsInt());
        assertEquals(512, EmbeddingModelConfig.defaults().with(Map.of("max_seq_length", 512L))
                .maxSeqLength().getAsInt());
    }

    @Test
    void aPostProcessorWithoutANameIsRefused() {
        ModelDockException e = refused(Map.of("post_processors", List.of(Map.of("type", "mean"))));
        assertTrue(e.getMessage().contains("name"), e.getMessage());
        refused(Map.of("post_processors", List.of(Map.of("name", 7))));
    }

    @Test
    void anInvalidDistanceMetricIsRefusedListingTheValidOnes() {
        ModelDockException e = refused(Map.of("distance_metrics", List.of("COSINE", "CHEBYSHEV")));
        assertTrue(e.getMessage().contains("CHEBYSHEV"), e.getMessage());
        for (String metric : List.of("EUCLIDEAN", "COSINE", "MANHATTAN", "HAMMING", "DOT", "EUCLIDEAN_SQUARED",
                "JACCARD")) {
            assertTrue(e.getMessage().contains(metric), "does not list " + metric + ": " + e.getMessage());
        }
    }

    @Test
    void distanceMetricNamesAreAcceptedInLowercase() {
        EmbeddingModelConfig config = EmbeddingModelConfig.defaults()
                .with(Map.of("distance_metrics", List.of("cosine", "euclidean_squared", "Dot")));
        assertEquals(List.of(DistanceMetric.COSINE, DistanceMetric.EUCLIDEAN_SQUARED, DistanceMetric.DOT),
                config.distanceMetrics());
        assertEquals(List.of("COSINE", "EUCLIDEAN_SQUARED", "DOT"), config.toMap().get("distance_metrics"));
    }

    @Test
    void everyOracleVectorDistanceMetricIsAccepted() {
        List<String> oracle = List.of("EUCLIDEAN", "COSINE", "MANHATTAN", "HAMMING", "DOT", "EUCLIDEAN_SQUARED",
                "JACCARD");
        EmbeddingModelConfig config = EmbeddingModelConfig.defaults().with(Map.of("distance_metrics", oracle));
        assertEquals(oracle, config.toMap().get("distance_metrics"));
    }

    @Test
    void aBlankLanguageIsRefused() {
        ModelDockException e = refused(Map.of("languages", List.of("us", "  ")));
        assertTrue(e.getMessage().contains("languages"), e.getMessage());
    }

    @Test
    void aRefusedOverrideDoesNotApplyTheOtherOverrides() {
        EmbeddingModelConfig original = EmbeddingModelConfig.defaults();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("quantize_model", true);
        properties.put("max_seq_length", "abc");
        assertThrows(ModelDockException.class, () -> original.with(properties));
        assertEquals(EmbeddingModelConfig.defaults(), original);
    }
}
