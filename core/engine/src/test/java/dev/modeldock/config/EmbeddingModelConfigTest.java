package dev.modeldock.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Parameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Defaults, the "text" template and immutability, as OML4Py's EmbeddingModelConfig documents them. */
class EmbeddingModelConfigTest {

    private static final List<Map<String, Object>> TEXT_POST_PROCESSORS = List.of(
            Map.of("name", "Pooling", "type", "mean"), Map.of("name", "Normalize"));

    @Test
    void everyPropertyStartsAtItsDocumentedDefault() {
        EmbeddingModelConfig config = EmbeddingModelConfig.defaults();
        assertEquals(List.of(), config.postProcessors());
        assertTrue(config.doLowerCase());
        assertFalse(config.quantizeModel());
        assertEquals(List.of(), config.distanceMetrics());
        assertEquals(List.of(), config.languages());
        assertFalse(config.useFloat16());
        assertTrue(config.maxSeqLength().isEmpty(), "max_seq_length has no default");
    }

    @Test
    void anEmptyJsonFormGivesTheDefaults() {
        assertEquals(EmbeddingModelConfig.defaults(), EmbeddingModelConfig.fromMap(Map.of()));
    }

    @Test
    void theTextTemplateLowercasesAndMeanPoolsThenNormalizes() {
        EmbeddingModelConfig text = EmbeddingModelConfig.fromTemplate("text", Map.of());
        assertTrue(text.doLowerCase());
        assertEquals(TEXT_POST_PROCESSORS, text.postProcessors().stream().map(Parameters::asMap).toList());
        // "All other properties ... will take the default values."
        assertFalse(text.quantizeModel());
        assertFalse(text.useFloat16());
        assertEquals(List.of(), text.distanceMetrics());
        assertEquals(List.of(), text.languages());
        assertTrue(text.maxSeqLength().isEmpty());
    }

    @Test
    void templateOverridesReplaceOnlyTheGivenProperties() {
        EmbeddingModelConfig text = EmbeddingModelConfig.fromTemplate("text", Map.of());
        EmbeddingModelConfig overridden = EmbeddingModelConfig.fromTemplate("text", Map.of("max_seq_length", 128));

        assertEquals(128, overridden.maxSeqLength().getAsInt());
        Map<String, Object> expected = new LinkedHashMap<>(text.toMap());
        expected.put("max_seq_length", 128);
        assertEquals(expected, overridden.toMap());
    }

    @Test
    void theDocumentedPostProcessorOverrideExampleWorks() {
        // config = EmbeddingModelConfig.from_template("text")
        // config.post_processors = [{"name":"Pooling","type":"max"},{"name":"Normalize"}]
        List<Map<String, Object>> maxPooling = List.of(Map.of("name", "Pooling", "type", "max"),
                Map.of("name", "Normalize"));
        EmbeddingModelConfig config = EmbeddingModelConfig.fromTemplate("text", Map.of())
                .with(Map.of("post_processors", maxPooling));
        assertEquals("max", config.postProcessors().get(0).string("type", "mean"));
        assertEquals(List.of("Pooling", "Normalize"), config.postProcessors().stream().map(Parameters::name).toList());
        assertTrue(config.doLowerCase());
    }

    @Test
    void anUnknownTemplateIsAnErrorListingTheTemplates() {
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> EmbeddingModelConfig.fromTemplate("image", Map.of()));
        assertTrue(e.getMessage().contains("'image'"), e.getMessage());
        for (String template : EmbeddingModelConfig.showTemplates()) {
            assertTrue(e.getMessage().contains(template), e.getMessage());
        }
    }

    @Test
    void showTemplatesListsTheTextTemplate() {
        List<String> templates = EmbeddingModelConfig.showTemplates();
        assertTrue(templates.contains("text"), templates.toString());
        for (String template : templates) {
            EmbeddingModelConfig.fromTemplate(template, Map.of()); // every listed template can be used
        }
    }

    @Test
    void withReturnsANewConfigurationAndLeavesTheOriginalUnchanged() {
        EmbeddingModelConfig original = EmbeddingModelConfig.fromTemplate("text", Map.of());
        Map<String, Object> before = original.toMap();

        EmbeddingModelConfig changed = original.with(Map.of("do_lower_case", false, "max_seq_length", 64,
                "quantize_model", true, "languages", List.of("us"),
                "distance_metrics", List.of("DOT"), "post_processors", List.of()));

        assertNotSame(original, changed);
        assertEquals(before, original.toMap());
        assertTrue(original.doLowerCase());
        assertFalse(changed.doLowerCase());
        assertEquals(64, changed.maxSeqLength().getAsInt());
        assertTrue(changed.quantizeModel());
        assertFalse(changed.useFloat16());
        assertEquals(List.of("us"), changed.languages());
        assertEquals(List.of(DistanceMetric.DOT), changed.distanceMetrics());
        assertEquals(List.of(), changed.postProcessors());
    }

    @Test
    void changingTheListsGivenToWithDoesNotChangeTheConfiguration() {
        List<String> languages = new ArrayList<>(List.of("us", "d"));
        List<Object> processors = new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("name", "Normalize"))));
        EmbeddingModelConfig config = EmbeddingModelConfig.defaults()
                .with(Map.of("languages", languages, "post_processors", processors));

        languages.add("f");
        processors.clear();

        assertEquals(List.of("us", "d"), config.languages());
        assertEquals(1, config.postProcessors().size());
    }

    @Test
    void theReturnedListsAndMapCannotChangeTheConfiguration() {
        EmbeddingModelConfig config = EmbeddingModelConfig.fromTemplate("text", Map.of("languages", List.of("us")));
        assertThrows(UnsupportedOperationException.class, () -> config.languages().add("f"));
        assertThrows(UnsupportedOperationException.class, () -> config.postProcessors().clear());
        assertThrows(UnsupportedOperationException.class, () -> config.distanceMetrics().add(DistanceMetric.DOT));
        config.toMap().put("do_lower_case", false);
        assertTrue(config.doLowerCase());
        assertEquals(Map.of("name", "Normalize"), config.postProcessors().get(1).asMap());
    }

    @Test
    void equalConfigurationsHaveEqualHashCodes() {
        EmbeddingModelConfig a = EmbeddingModelConfig.fromTemplate("text", Map.of("max_seq_length", 256));
        EmbeddingModelConfig b = EmbeddingModelConfig.defaults().with(Map.of("max_seq_length", 256,
                "post_processors", TEXT_POST_PROCESSORS));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertFalse(a.equals(a.with(Map.of("max_seq_length", 255))));
    }
}
