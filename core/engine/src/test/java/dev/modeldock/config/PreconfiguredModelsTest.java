package dev.modeldock.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Parameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** OML4Py's show_preconfigured and the preconfigured models' properties. */
class PreconfiguredModelsTest {
    private static final String DISTILUSE = "sentence-transformers/distiluse-base-multilingual-cased-v2";

    /** Copied verbatim from "Example: Preconfigured Model" of Oracle's reference page. */
    private static final String REFERENCE_EXAMPLE = """
            {"sentence-transformers/distiluse-base-multilingual-cased-v2": {
                    "max_seq_length": 128,
                    "do_lower_case": false,
                    "post_processors":[{"name":"Pooling","type":"mean"},{"name":"Dense","in_features":768, "out_features":512, "bias":true, "activation_function":"Tanh"}],
                    "quantize_model":true,
                    "distance_metrics": ["COSINE"],
                    "languages": ["ar", "bg", "ca", "cs", "dk", "d", "us", "el", "et", "fa", "sf", "f", "frc", "gu", "iw", "hi", "hr", "hu", "hy", "in", "i", "ja", "ko", "lt", "lv", "mk", "mr", "ms", "n", "nl", "pl", "pt", "ptb", "ro", "ru", "sk", "sl", "sq", "lsr", "s", "th", "tr", "uk", "ur", "vn", "zhs", "zht"]
                }}
            """;

    @Test
    void showPreconfiguredListsTheWellKnownModelsByName() {
        List<Object> names = EmbeddingModelConfig.showPreconfigured(false, null);
        for (String model : List.of(DISTILUSE, "sentence-transformers/all-MiniLM-L6-v2",
                "sentence-transformers/all-MiniLM-L12-v2", "sentence-transformers/multi-qa-MiniLM-L6-cos-v1",
                "sentence-transformers/all-mpnet-base-v2", "BAAI/bge-small-en-v1.5", "intfloat/e5-small-v2")) {
            assertTrue(names.contains(model), model + " missing from " + names);
        }
        names.forEach(name -> assertInstanceOf(String.class, name));
    }

    @Test
    void theModelNameIsIgnoredWhenPropertiesAreNotIncluded() {
        assertEquals(EmbeddingModelConfig.showPreconfigured(false, null),
                EmbeddingModelConfig.showPreconfigured(false, DISTILUSE));
    }

    @Test
    void withPropertiesAndANameTheResultIsAListOfOneMapForThatModel() {
        List<Object> result = EmbeddingModelConfig.showPreconfigured(true, "BAAI/bge-small-en-v1.5");
        assertEquals(1, result.size());
        Map<?, ?> byName = assertInstanceOf(Map.class, result.get(0));
        assertEquals(List.of("BAAI/bge-small-en-v1.5"), List.copyOf(byName.keySet()));
    }

    @Test
    void withPropertiesAndNoNameTheResultIsOneMapOfEveryModel() {
        List<Object> result = EmbeddingModelConfig.showPreconfigured(true, null);
        assertEquals(1, result.size());
        Map<?, ?> byName = assertInstanceOf(Map.class, result.get(0));
        assertEquals(EmbeddingModelConfig.showPreconfigured(false, null), List.copyOf(byName.keySet()));
    }

    @Test
    void distiluseHasExactlyThePropertiesOfTheReferenceExample() throws Exception {
        Map<String, Map<String, Object>> reference = Json.MAPPER.readValue(REFERENCE_EXAMPLE,
                new TypeReference<>() { });
        Map<String, Object> expected = new LinkedHashMap<>(reference.get(DISTILUSE));
        expected.put("use_float16", false); // not in the example: the documented default

        Map<?, ?> shown = (Map<?, ?>) EmbeddingModelConfig.showPreconfigured(true, DISTILUSE).get(0);
        assertEquals(expected, shown.get(DISTILUSE));
        assertEquals(47, ((List<?>) expected.get("languages")).size());
    }

    @Test
    void distiluseIsCasedWithA768To512TanhDenseLayerAfterMeanPooling() {
        EmbeddingModelConfig config = EmbeddingModelConfig.preconfigured(DISTILUSE).orElseThrow();
        assertEquals(128, config.maxSeqLength().getAsInt());
        assertEquals(false, config.doLowerCase());
        assertEquals(true, config.quantizeModel());
        assertEquals(List.of(DistanceMetric.COSINE), config.distanceMetrics());
        List<Parameters> steps = config.postProcessors();
        assertEquals(List.of("Pooling", "Dense"), steps.stream().map(Parameters::name).toList());
        assertEquals("mean", steps.get(0).string("type", null));
        assertEquals(768, steps.get(1).integer("in_features"));
        assertEquals(512, steps.get(1).integer("out_features"));
        assertEquals(true, steps.get(1).bool("bias", false));
        assertEquals("Tanh", steps.get(1).string("activation_function", null));
        assertEquals("ar", config.languages().get(0));
        assertEquals("zht", config.languages().get(46));
    }

    @Test
    void bgeSmallPoolsTheClsTokenAndNormalizes() {
        EmbeddingModelConfig bge = EmbeddingModelConfig.preconfigured("BAAI/bge-small-en-v1.5").orElseThrow();
        assertEquals("Pooling", bge.postProcessors().get(0).name());
        assertEquals("cls", bge.postProcessors().get(0).string("type", "mean"));
        assertEquals("Normalize", bge.postProcessors().get(1).name());
    }

    /** CLIP's text tower pools inside its encoder (text_embeds): the one embedding entry without a Pooling step. */
    @Test
    void everyPreconfiguredModelHasAMaxSeqLengthAndEndsInOneVectorPerText() {
        for (Object name : EmbeddingModelConfig.showPreconfigured(false, null)) {
            EmbeddingModelConfig config = EmbeddingModelConfig.preconfigured((String) name).orElseThrow();
            assertTrue(config.maxSeqLength().isPresent(), name + " has no max_seq_length");
            if (EmbeddingModelConfig.preconfiguredFunction((String) name).isPresent()) {
                assertEquals(List.of(), config.postProcessors(), name + ": a score or class is the head's output");
                continue;
            }
            boolean pools = config.postProcessors().stream().anyMatch(p -> p.name().equals("Pooling"));
            assertEquals(!name.equals("openai/clip-vit-base-patch32"), pools, name + " pools: " + pools);
        }
    }

    @Test
    void clipsTextTowerNormalizesItsEncodersOwnEmbeddingAtCLIPsContextLength() {
        EmbeddingModelConfig clip = EmbeddingModelConfig.preconfigured("openai/clip-vit-base-patch32").orElseThrow();
        assertEquals(77, clip.maxSeqLength().getAsInt());
        assertTrue(clip.doLowerCase());
        assertEquals(List.of("Normalize"), clip.postProcessors().stream().map(Parameters::name).toList());
    }

    @Test
    void anUnknownModelNameWithPropertiesIsAnError() {
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> EmbeddingModelConfig.showPreconfigured(true, "nope"));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }

    @Test
    void aModelThatIsNotPreconfiguredHasNoConfiguration() {
        assertTrue(EmbeddingModelConfig.preconfigured("bert-base-uncased").isEmpty());
        assertTrue(EmbeddingModelConfig.preconfiguredFunction("bert-base-uncased").isEmpty());
    }

    /** OML4Py preconfigures bge-reranker-base with function=MiningFunction.REGRESSION. */
    @Test
    void theRerankerIsPreconfiguredForFunctionRegressionAndEmbeddingsForNone() {
        assertEquals(Optional.of("regression"), EmbeddingModelConfig.preconfiguredFunction("BAAI/bge-reranker-base"));
        assertEquals(Optional.empty(), EmbeddingModelConfig.preconfiguredFunction("microsoft/codebert-base"));
        Map<?, ?> shown = (Map<?, ?>) EmbeddingModelConfig.showPreconfigured(true, "BAAI/bge-reranker-base").get(0);
        assertFalse(((Map<?, ?>) shown.get("BAAI/bge-reranker-base")).containsKey("function"),
                "the function is an argument of the conversion, not a configuration property");
    }
}
