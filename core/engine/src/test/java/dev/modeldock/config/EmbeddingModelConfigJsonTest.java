package dev.modeldock.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The JSON form stored beside every artifact: OML4Py's snake_case property names, and a lossless round trip. */
class EmbeddingModelConfigJsonTest {
    private static final ObjectMapper JSON = Json.MAPPER;

    private static EmbeddingModelConfig throughJson(EmbeddingModelConfig config) throws Exception {
        String text = JSON.writeValueAsString(config.toMap());
        Map<String, Object> parsed = JSON.readValue(text, new TypeReference<>() { });
        return EmbeddingModelConfig.fromMap(parsed);
    }

    @Test
    void aFullySetConfigurationSurvivesAJsonRoundTrip() throws Exception {
        EmbeddingModelConfig config = EmbeddingModelConfig.defaults().with(Map.of(
                "post_processors", List.of(Map.of("name", "Pooling", "type", "cls"),
                        Map.of("name", "Dense", "in_features", 384, "out_features", 128, "bias", false,
                                "activation_function", "Tanh"),
                        Map.of("name", "Normalize")),
                "max_seq_length", 384,
                "do_lower_case", false,
                "quantize_model", false,
                "distance_metrics", List.of("cosine", "DOT"),
                "languages", List.of("us", "d", "f"),
                "use_float16", true)); // quantize_model true as well would be refused: one weight format
        assertEquals(config, throughJson(config));
        assertEquals(config.toMap(), throughJson(config).toMap());
    }

    @Test
    void theDefaultsSurviveAJsonRoundTripWithMaxSeqLengthStillUnset() throws Exception {
        EmbeddingModelConfig back = throughJson(EmbeddingModelConfig.defaults());
        assertEquals(EmbeddingModelConfig.defaults(), back);
        assertEquals(true, back.maxSeqLength().isEmpty());
    }

    @Test
    void everyPreconfiguredModelSurvivesAJsonRoundTrip() throws Exception {
        for (Object name : EmbeddingModelConfig.showPreconfigured(false, null)) {
            EmbeddingModelConfig config = EmbeddingModelConfig.preconfigured((String) name).orElseThrow();
            assertEquals(config, throughJson(config), (String) name);
        }
    }

    @Test
    void theJsonKeysAreExactlyTheSnakeCasePropertyNames() {
        EmbeddingModelConfig config = EmbeddingModelConfig.fromTemplate("text", Map.of("max_seq_length", 128,
                "labels", List.of("negative", "positive"), "use_external_data", true));
        assertEquals(Set.of("post_processors", "max_seq_length", "do_lower_case", "quantize_model",
                "distance_metrics", "languages", "use_float16", "labels", "use_external_data"),
                config.toMap().keySet());
        assertEquals(EmbeddingModelConfig.PROPERTIES, List.copyOf(config.toMap().keySet()),
                "keys in the order OML4Py documents them");
    }

    /** An embedding's configuration keeps the bytes it had before classifiers' labels existed. */
    @Test
    void unsetLabelsAreLeftOutOfTheJsonFormAndGivenOnesRoundTrip() {
        EmbeddingModelConfig text = EmbeddingModelConfig.fromTemplate("text", Map.of());
        assertFalse(text.toMap().containsKey("labels"));
        EmbeddingModelConfig labelled = text.with(Map.of("labels", List.of("b", "a")));
        assertEquals(List.of("b", "a"), labelled.labels().orElseThrow(), "the logits' order, not sorted");
        assertEquals(labelled, EmbeddingModelConfig.fromMap(labelled.toMap()));
    }

    @Test
    void anUnsetMaxSeqLengthIsLeftOutOfTheJsonForm() {
        assertEquals(Set.of("post_processors", "do_lower_case", "quantize_model", "distance_metrics", "languages",
                "use_float16"), EmbeddingModelConfig.defaults().toMap().keySet());
    }

    @Test
    void equalConfigurationsWriteTheSameJsonWhateverOrderAPostProcessorsKeysWereGivenIn() throws Exception {
        Map<String, Object> dense = new LinkedHashMap<>();
        dense.put("name", "Dense");
        dense.put("in_features", 384);
        dense.put("out_features", 128);
        dense.put("bias", false);
        dense.put("activation_function", "Tanh");
        Map<String, Object> denseReordered = new LinkedHashMap<>();
        denseReordered.put("out_features", 128);
        denseReordered.put("activation_function", "Tanh");
        denseReordered.put("bias", false);
        denseReordered.put("in_features", 384);
        denseReordered.put("name", "Dense");
        EmbeddingModelConfig given = EmbeddingModelConfig.defaults().with(Map.of("post_processors", List.of(dense)));
        EmbeddingModelConfig reordered = EmbeddingModelConfig.defaults()
                .with(Map.of("post_processors", List.of(denseReordered)));

        assertEquals(given, reordered);
        assertEquals(JSON.writeValueAsString(given.toMap()), JSON.writeValueAsString(reordered.toMap()));
        assertEquals(List.of("name", "activation_function", "bias", "in_features", "out_features"),
                postProcessorKeys(given), "the name first, then the other keys by name");
    }

    @SuppressWarnings("unchecked")
    private static List<String> postProcessorKeys(EmbeddingModelConfig config) {
        List<Map<String, Object>> entries = (List<Map<String, Object>>) config.toMap().get("post_processors");
        return List.copyOf(entries.get(0).keySet());
    }

    @Test
    void theJsonFormHoldsPlainJsonValues() throws Exception {
        EmbeddingModelConfig config = EmbeddingModelConfig.fromTemplate("text", Map.of("max_seq_length", 128,
                "distance_metrics", List.of("COSINE")));
        String text = JSON.writeValueAsString(config.toMap());
        assertEquals(JSON.readTree("{\"post_processors\":[{\"name\":\"Pooling\",\"type\":\"mean\"},"
                + "{\"name\":\"Normalize\"}],\"max_seq_length\":128,\"do_lower_case\":true,\"quantize_model\":false,"
                + "\"distance_metrics\":[\"COSINE\"],\"languages\":[],\"use_float16\":false}"), JSON.readTree(text));
    }
}
