package dev.modeldock.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modeldock.metadata.ImpliedMetadata.Said;
import dev.modeldock.plugin.ModelDockException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How several post-processors' metadata() combine (what the built-ins Pooling, Normalize and Dense say). */
class ImpliedMetadataTest {
    private static final Said MEAN_POOLING = new Said("Pooling", Map.of("pooling", "Mean Pooling"));
    private static final Said NORMALIZE = new Said("Normalize", Map.of("normalization", true));
    private static final Said DENSE = new Said("Dense", Map.of());

    @Test
    void poolingThenNormalizeIsANormalizedMeanPooling() {
        assertEquals(new ImpliedMetadata("Mean Pooling", true), ImpliedMetadata.of(List.of(MEAN_POOLING, NORMALIZE)));
    }

    @Test
    void aDenseLayerAfterNormalizeLeavesTheOutputNotNormalized() {
        assertEquals(new ImpliedMetadata("Mean Pooling", false),
                ImpliedMetadata.of(List.of(MEAN_POOLING, NORMALIZE, DENSE)));
        assertEquals(new ImpliedMetadata("Mean Pooling", true),
                ImpliedMetadata.of(List.of(MEAN_POOLING, DENSE, NORMALIZE)));
    }

    @Test
    void aLastStepThatSaysItKeepsUnitLengthKeepsNormalization() {
        Said truncate = new Said("Truncate", Map.of("normalization", true));
        assertEquals(new ImpliedMetadata("Mean Pooling", true),
                ImpliedMetadata.of(List.of(MEAN_POOLING, NORMALIZE, truncate)));
    }

    @Test
    void theLastStatedPoolingWins() {
        Said cls = new Said("MyPooling", Map.of("pooling", "CLS Pooling"));
        assertEquals("CLS Pooling", ImpliedMetadata.of(List.of(MEAN_POOLING, cls, DENSE)).pooling());
    }

    @Test
    void noStepsSayNothing() {
        assertEquals(new ImpliedMetadata(null, false), ImpliedMetadata.of(List.of()));
    }

    @Test
    void otherKeysAreIgnored() {
        Said chatty = new Said("Chatty", Map.of("color", "blue", "normalization", true));
        assertEquals(new ImpliedMetadata(null, true), ImpliedMetadata.of(List.of(chatty)));
    }

    @Test
    void aValueOfTheWrongTypeNamesTheStep() {
        ModelDockException pooling = assertThrows(ModelDockException.class, () -> ImpliedMetadata.of(List.of(
                new Said("Odd", Map.of("pooling", 1)))));
        assertEquals("post-processor Odd gives the metadata \"pooling\" as 1 (Integer), not a string such as"
                + " \"Mean Pooling\"; the plugin that provides Odd needs fixing", pooling.getMessage());
        ModelDockException normalization = assertThrows(ModelDockException.class, () -> ImpliedMetadata.of(List.of(
                new Said("Odd", Map.of("normalization", "yes")))));
        assertEquals("post-processor Odd gives the metadata \"normalization\" as yes (String), not true or false;"
                + " the plugin that provides Odd needs fixing", normalization.getMessage());
    }
}
