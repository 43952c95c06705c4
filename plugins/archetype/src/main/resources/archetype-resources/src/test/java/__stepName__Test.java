package ${package};

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.Activation;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.Parameters;
import dev.modeldock.testkit.plugin.PostProcessorContract;
import dev.modeldock.testkit.plugin.PostProcessorNodes;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two forms agree (the contract the host checks at export) and give answers worked out by hand:
 * the contract alone would pass a wrong step written the same way twice.
 */
class ${stepName}Test {
    private static final Parameters TWICE = new Parameters(Map.of("name", "${stepName}", "factor", 2));

    @TempDir
    Path dir;

    @Test
    void nodesAgreeWithEvaluateAtEveryOpset() {
        PostProcessorContract.assertNodesAgreeWithEvaluate(new ${stepName}(), TWICE, folder(),
                new Activation("x", 8, false));
    }

    @Test
    void bothFormsGiveTheKnownAnswer() {
        float[] expected = {2, -4, 6};
        assertArrayEquals(expected, new ${stepName}().evaluate(new float[][] {{1, -2, 3}}, TWICE, folder())[0]);
        assertArrayEquals(expected, PostProcessorNodes.of(new ${stepName}(), TWICE, folder())
                .onSentence(new float[] {1, -2, 3}).values());
    }

    @Test
    void refusesTokenEmbeddings() {
        ModelDockException e = assertThrows(ModelDockException.class, () -> new ${stepName}()
                .check(new Activation("x", 8, true), TWICE, folder()));
        assertTrue(e.getMessage().contains("Pooling"), e.getMessage());
    }

    private ModelFolder folder() {
        return new ModelFolder("tiny", dir);
    }
}
