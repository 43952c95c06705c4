package dev.modeldock.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.transform.WeightFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a pipeline's size means for Oracle: refused over its release's limit, a note over 23ai's 1 GB, a hint over 400 MB. */
class SizeAdviceTest {
    private static final long GIB = 1L << 30;
    /** The largest file Oracle Database 26ai imports. */
    private static final long LIMIT = 2 * GIB - 1;

    @Test
    void float32OverTwoGigabytesIsRefusedFor26aiNamingTheSizeAndQuantization() {
        String why = SizeAdvice.refusal(LIMIT + 1, WeightFormat.FLOAT32, OracleRelease.DB_26AI).orElseThrow();
        assertTrue(why.startsWith("the pipeline is 2147483648 bytes (2.1 GB), over the 2147483647 bytes (2 GB) Oracle"
                + " Database 26ai imports at most; set quantize_model to true"), why);
        assertFalse(why.contains("--target-release"), "26ai is the largest release already: " + why);
    }

    @Test
    void int8OverTwoGigabytesIsRefusedNamingTheSizeWithoutSuggestingQuantization() {
        String why = SizeAdvice.refusal(3 * GIB, WeightFormat.INT8, OracleRelease.DB_26AI).orElseThrow();
        assertTrue(why.startsWith("even with int8 weights, the pipeline is 3221225472 bytes (3.2 GB)"), why);
        assertTrue(why.endsWith("choose a smaller model"), why);
        assertFalse(why.contains("quantize_model"), why);
    }

    @Test
    void float32OverOneGigabyteIsRefusedFor23aiNamingQuantizationAndRelease26() {
        long bertLarge = 1_340_000_000L;
        String why = SizeAdvice.refusal(bertLarge, WeightFormat.FLOAT32, OracleRelease.DB_23AI).orElseThrow();
        assertEquals("the pipeline is 1340000000 bytes (1.3 GB), over the 1073741824 bytes (1 GB) Oracle Database 23ai"
                + " imports at most; set quantize_model to true (int8 weights, about a quarter of the float32 size),"
                + " or export for Oracle Database 26ai, which imports up to 2 GB (--target-release 26 on the command"
                + " line, \"targetRelease\": 26 in the API), or choose a smaller model", why);
        assertEquals(Optional.empty(), SizeAdvice.refusal(bertLarge, WeightFormat.FLOAT32, OracleRelease.DB_26AI));
    }

    @Test
    void overTwoGigabytesFor23aiDoesNotSuggest26aiWhichWouldRefuseItToo() {
        String why = SizeAdvice.refusal(2_200_000_000L, WeightFormat.FLOAT32, OracleRelease.DB_23AI).orElseThrow();
        assertTrue(why.contains("quantize_model"), why);
        assertFalse(why.contains("26ai"), why);
    }

    @ParameterizedTest
    @EnumSource(WeightFormat.class)
    void aPipelineAtItsReleasesLimitIsNotRefused(WeightFormat format) {
        assertEquals(Optional.empty(), SizeAdvice.refusal(LIMIT, format, OracleRelease.DB_26AI));
        assertEquals(Optional.empty(), SizeAdvice.refusal(GIB, format, OracleRelease.DB_23AI));
        assertTrue(SizeAdvice.refusal(GIB + 1, format, OracleRelease.DB_23AI).isPresent());
        assertEquals(Optional.empty(), SizeAdvice.refusal(1000, format, OracleRelease.DB_23AI));
    }

    @ParameterizedTest
    @EnumSource(WeightFormat.class)
    void overOneGigabyteNotesThat23aiDoesNotImportIt(WeightFormat format) {
        List<String> notes = SizeAdvice.notes(GIB + 1, format);
        assertEquals(1, notes.size(), notes.toString());
        String note = notes.get(0);
        assertTrue(note.startsWith("the pipeline is 1073741825 bytes (1.07 GB): Oracle Database 26ai imports it,"
                + " 23ai (at most 1073741824 bytes, 1 GB) does not"), note);
        assertEquals(format != WeightFormat.INT8, note.contains("quantize_model"), note);
    }

    @Test
    void exactlyOneGigabyteFits23ai() {
        assertTrue(SizeAdvice.notes(GIB, WeightFormat.INT8).isEmpty());
        assertFalse(SizeAdvice.notes(GIB, WeightFormat.FLOAT32).get(0).contains("23ai"));
    }

    @ParameterizedTest
    @EnumSource(value = WeightFormat.class, names = {"FLOAT32", "FLOAT16"})
    void over400MegabytesWithoutInt8HintsToQuantize(WeightFormat format) {
        List<String> notes = SizeAdvice.notes(470_000_000L, format);
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("the pipeline is 470 MB; Oracle recommends quantizing models over 400 MB:"
                + " quantize_model"), notes.get(0));
    }

    @Test
    void int8Over400MegabytesGetsNoHint() {
        assertEquals(List.of(), SizeAdvice.notes(470_000_000L, WeightFormat.INT8));
    }

    @Test
    void atOrBelow400MegabytesThereIsNothingToSay() {
        assertEquals(List.of(), SizeAdvice.notes(SizeAdvice.QUANTIZE_ABOVE_BYTES, WeightFormat.FLOAT32));
        assertEquals(List.of(), SizeAdvice.notes(90_000_000L, WeightFormat.FLOAT32));
    }
}
