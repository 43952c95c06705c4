package dev.modeldock.ui.page.newversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.Setting;
import dev.modeldock.service.CatalogService.PostProcessorInfo;
import dev.modeldock.service.ConversionRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The form's text becomes the API's request by the types the plugins declare, and edits keep what was typed. */
class ConversionFormTest {
    static final Map<String, PostProcessorInfo> DECLARED = Map.of("Dense", new PostProcessorInfo("Dense", "p@1",
            List.of(Setting.of("in_features", Setting.Type.INTEGER, "in"),
                    Setting.of("bias", Setting.Type.BOOLEAN, "bias"),
                    Setting.of("activation_function", Setting.Type.STRING, "act"))));

    @Test
    void valuesAreTypedAsDeclaredAndOthersSentAsTypedForTheApiToRefuse() {
        ConversionForm form = ConversionForm.of("template:text", " /models/m ", "", Map.of("max_seq_length", 128,
                "post_processors", List.of(Map.of("name", "Dense", "in_features", "384", "bias", "false",
                        "activation_function", "Tanh"), Map.of("name", "Dense", "in_features", "many"))));
        ConversionRequest request = form.request(DECLARED);
        assertEquals("/models/m", request.source());
        assertEquals("text", request.template());
        assertEquals(128L, request.config().get("max_seq_length"));
        List<?> steps = (List<?>) request.config().get("post_processors");
        assertEquals(Map.of("name", "Dense", "in_features", 384L, "bias", false, "activation_function", "Tanh"),
                steps.get(0));
        assertEquals(Map.of("name", "Dense", "in_features", "many"), steps.get(1));
        assertEquals(List.of(), request.config().get("languages"));
        assertNull(request.revision(), "a blank revision is the hub's main");
    }

    @Test
    void theRevisionTypedIsSentStrippedAndKeptThroughEdits() {
        ConversionForm form = ConversionForm.of("preconfigured:org/model", "org/model", " v1.0 ", Map.of());
        assertEquals("v1.0", form.request(DECLARED).revision());
        assertEquals(" v1.0 ", form.edited("add:Dense").revision(), "as typed, for the form to show again");
        assertEquals("v1.0", form.edited("add:Dense").request(DECLARED).revision());
    }

    @Test
    void theQualityGateWaiverIsTheRequestsOwnFieldNotAPropertyAndSurvivesEdits() {
        ConversionForm form = ConversionForm.of("template:text", "/models/m", "", Map.of("max_seq_length", 128,
                "quantize_model", true));
        assertFalse(form.request(DECLARED).ignoresQualityGate(), "kept only when asked for");
        ConversionForm waived = form.waivingQualityGate(true).edited("add:Dense");
        ConversionRequest request = waived.request(DECLARED);
        assertTrue(request.ignoresQualityGate());
        assertEquals(true, request.config().get("quantize_model"));
        assertFalse(request.config().containsKey("ignore_quality_gate"), request.config().toString());
    }

    @Test
    void aPreconfiguredStartSendsNoTemplateAndLanguagesAreSplitAtCommas() {
        ConversionForm form = ConversionForm.of("preconfigured:org/model", "org/model", "", Map.of("languages",
                List.of("us", "d")));
        assertNull(form.request(DECLARED).template());
        assertEquals("us, d", form.languages());
        assertEquals(List.of("us", "d"), form.request(DECLARED).config().get("languages"));
    }

    @Test
    void editsAddMoveAndRemoveEntriesKeepingTheirValues() {
        ConversionForm form = ConversionForm.of("template:text", "", "", Map.of("post_processors", List.of(
                Map.of("name", "Pooling", "type", "cls"), Map.of("name", "Normalize"))));
        ConversionForm added = form.edited("add:Dense");
        assertEquals(List.of("Pooling", "Normalize", "Dense"), names(added));
        ConversionForm moved = added.edited("up:2").edited("up:0");
        assertEquals(List.of("Pooling", "Dense", "Normalize"), names(moved));
        assertEquals("cls", moved.postProcessors().get(0).value("type"));
        assertEquals(List.of("Dense", "Normalize"), names(moved.edited("remove:0")));
        assertEquals(names(moved), names(moved.edited("down:9").edited("sideways:1")), "out of range: unchanged");
    }

    @Test
    void anEmbeddingIsTheDefaultAndSendsItsPostProcessors() {
        ConversionForm form = ConversionForm.of("template:text", "/models/m", "", Map.of("post_processors", List.of(
                Map.of("name", "Pooling", "type", "mean"))));
        assertEquals("embedding", form.function());
        assertTrue(form.takesPostProcessors());
        ConversionRequest request = form.request(DECLARED);
        assertEquals("embedding", request.function());
        assertEquals(List.of(Map.of("name", "Pooling", "type", "mean")), request.config().get("post_processors"));
    }

    @Test
    void aRerankerSendsItsFunctionAndNoPostProcessorsKeepingThemThroughEditsForAnEmbeddingAgain() {
        ConversionForm form = ConversionForm.of("template:text", "/models/m", "", Map.of("post_processors", List.of(
                Map.of("name", "Pooling", "type", "mean"), Map.of("name", "Normalize")))).forFunction("regression");
        assertFalse(form.takesPostProcessors());
        ConversionRequest request = form.request(DECLARED);
        assertEquals("regression", request.function());
        assertFalse(request.config().containsKey("post_processors"), "the API gives a reranker none: "
                + request.config());
        ConversionForm edited = form.waivingQualityGate(true).edited("remove:1");
        assertEquals("regression", edited.function(), "kept through edits");
        assertEquals(List.of("Pooling"), names(edited.forFunction("embedding")));
        assertEquals(List.of(Map.of("name", "Pooling", "type", "mean")),
                edited.forFunction("embedding").request(DECLARED).config().get("post_processors"));
    }

    @Test
    void aFunctionThatDoesNotExistIsSentAsChosenForTheApiToRefuse() {
        ConversionForm form = ConversionForm.of("template:text", "/models/m", "", Map.of("post_processors", List.of(
                Map.of("name", "Normalize")))).forFunction("rerank");
        assertTrue(form.takesPostProcessors());
        assertEquals("rerank", form.request(DECLARED).function());
        assertEquals(1, ((List<?>) form.request(DECLARED).config().get("post_processors")).size());
    }

    private static List<String> names(ConversionForm form) {
        return form.postProcessors().stream().map(ConversionForm.Step::name).toList();
    }
}
