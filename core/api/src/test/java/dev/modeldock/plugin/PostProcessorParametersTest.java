package dev.modeldock.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A post-processor that declares only its parameter names still gets a form: one text field each. */
class PostProcessorParametersTest {
    @Test
    void parametersDefaultToOptionalStringsNamedByParameterNames() {
        PostProcessor thirdParty = new PostProcessor() {
            @Override
            public String name() {
                return "Scale";
            }

            @Override
            public Set<String> parameterNames() {
                return Set.of("factor", "axis");
            }

            @Override
            public Activation check(Activation input, Parameters parameters, ModelFolder model) {
                return input;
            }

            @Override
            public Activation append(GraphBuilder graph, Activation input, String attentionMask,
                    Parameters parameters, ModelFolder model) {
                return input;
            }

            @Override
            public float[][] evaluate(float[][] rows, Parameters parameters, ModelFolder model) {
                return rows;
            }
        };
        assertEquals(List.of(Setting.of("axis", Setting.Type.STRING, "a parameter of Scale"),
                Setting.of("factor", Setting.Type.STRING, "a parameter of Scale")), thirdParty.parameters());
    }
}
