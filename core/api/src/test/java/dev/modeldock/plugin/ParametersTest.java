package dev.modeldock.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed access to one post_processors entry, with errors that name the post-processor and the key. */
class ParametersTest {

    private static Parameters dense(Map<String, Object> extra) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", "Dense");
        values.putAll(extra);
        return new Parameters(values);
    }

    private static void assertNamesProcessorAndKey(ModelDockException e, String key) {
        assertTrue(e.getMessage().contains("Dense"), e.getMessage());
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void anEntryWithoutANameStringIsRefused() {
        ModelDockException missing = assertThrows(ModelDockException.class,
                () -> new Parameters(Map.of("type", "mean")));
        assertTrue(missing.getMessage().contains("name"), missing.getMessage());
        assertThrows(ModelDockException.class, () -> new Parameters(Map.of("name", 3)));
    }

    @Test
    void theNameAndPresenceOfKeysAreReported() {
        Parameters pooling = new Parameters(Map.of("name", "Pooling", "type", "max"));
        assertEquals("Pooling", pooling.name());
        assertTrue(pooling.has("type"));
        assertFalse(pooling.has("bias"));
    }

    @Test
    void integerAcceptsWholeNumbersOfAnyNumericType() {
        Parameters p = dense(Map.of("in_features", 768, "out_features", 512L, "width", 384.0));
        assertEquals(768, p.integer("in_features"));
        assertEquals(512, p.integer("out_features"));
        assertEquals(384, p.integer("width"));
    }

    @Test
    void integerRefusesAFraction() {
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> dense(Map.of("in_features", 2.5)).integer("in_features"));
        assertNamesProcessorAndKey(e, "in_features");
        assertTrue(e.getMessage().contains("2.5"), e.getMessage());
    }

    @Test
    void integerRefusesANumberWrittenAsAString() {
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> dense(Map.of("in_features", "768")).integer("in_features"));
        assertNamesProcessorAndKey(e, "in_features");
    }

    @Test
    void integerRefusesAMissingKeyNamingIt() {
        ModelDockException e = assertThrows(ModelDockException.class, () -> dense(Map.of()).integer("out_features"));
        assertNamesProcessorAndKey(e, "out_features");
    }

    @Test
    void integerRefusesAWholeNumberBeyondIntRange() {
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> dense(Map.of("out_features", 3_000_000_000L)).integer("out_features"));
        assertNamesProcessorAndKey(e, "out_features");
    }

    @Test
    void boolRefusesTheStringTrue() {
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> dense(Map.of("bias", "true")).bool("bias", true));
        assertNamesProcessorAndKey(e, "bias");
    }

    @Test
    void boolAndStringFallBackOnlyWhenTheKeyIsAbsent() {
        Parameters p = dense(Map.of("bias", false, "activation_function", "Tanh"));
        assertFalse(p.bool("bias", true));
        assertTrue(dense(Map.of()).bool("bias", true), "bias defaults to True in the reference");
        assertEquals("Tanh", p.string("activation_function", "Identity"));
        assertEquals("Identity", dense(Map.of()).string("activation_function", "Identity"));
    }

    @Test
    void stringRefusesANonString() {
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> dense(Map.of("activation_function", 1)).string("activation_function", "Tanh"));
        assertNamesProcessorAndKey(e, "activation_function");
    }

    @Test
    void asMapKeepsTheGivenOrderAndCannotBeChangedFromOutside() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("name", "Dense");
        source.put("in_features", 768);
        source.put("out_features", 512);
        Parameters p = new Parameters(source);
        source.put("bias", false);

        assertEquals(List.of("name", "in_features", "out_features"), List.copyOf(p.asMap().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> p.asMap().put("bias", true));
        assertEquals(new Parameters(Map.of("name", "Dense", "in_features", 768, "out_features", 512)), p);
    }
}
