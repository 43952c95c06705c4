package dev.modeldock.ui.page.newversion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A preconfigured model's properties read as the form's summary says them. */
class PresetsTest {
    @Test
    void poolingNormalizeDenseAndLowerCasingAreReadFromThePostProcessors() {
        Presets.Preset preset = Presets.preset("org/m", Map.of("max_seq_length", 128, "do_lower_case", false,
                "post_processors", List.of(Map.of("name", "Pooling", "type", "cls"), Map.of("name", "Dense",
                        "in_features", 768, "out_features", 512, "activation_function", "Tanh"))),
                List.of("do_lower_case"), "");
        assertEquals(new Presets.Preset("org/m", "128", "cls", false, "768 → 512, Tanh", false,
                List.of("do_lower_case"), ""), preset);
    }

    @Test
    void noPostProcessorsIsNoPoolingNoNormalizeAndNoDense() {
        Presets.Preset preset = Presets.preset("org/m", Map.of("do_lower_case", true), List.of(), "abc");
        assertEquals(new Presets.Preset("org/m", "the encoder's", "none", false, "none", true, List.of(), "abc"),
                preset);
    }
}
