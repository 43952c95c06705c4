package dev.modeldock.testkit.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MultilingualProbesTest {

    @Test
    void everyWritingSystemHasAtLeastThirtyLinesInFileOrder() {
        Map<String, List<String>> bySystem = MultilingualProbes.byWritingSystem();
        assertEquals(List.of("ascii", "latin", "greek", "cyrillic", "chinese", "japanese", "hangul", "devanagari",
                "arabic", "thai", "emoji"), List.copyOf(bySystem.keySet()));
        bySystem.forEach((system, texts) -> assertTrue(texts.size() >= 30, system + ": " + texts.size()));
        assertEquals(MultilingualProbes.all().size(), bySystem.values().stream().mapToInt(List::size).sum());
    }

    @Test
    void onlyTheEmojiLinesGoBeyondTheBasicMultilingualPlane() {
        for (MultilingualProbes.Probe probe : MultilingualProbes.all()) {
            if (!probe.writingSystem().equals(MultilingualProbes.EMOJI)) {
                assertFalse(probe.beyondBmp(), probe.writingSystem() + ": " + probe.text());
            }
        }
        assertTrue(MultilingualProbes.all().stream().anyMatch(MultilingualProbes.Probe::beyondBmp));
    }

    @Test
    void asciiLinesAreAsciiAndNoLineIsThereTwice() {
        Set<String> seen = new HashSet<>();
        for (MultilingualProbes.Probe probe : MultilingualProbes.all()) {
            assertTrue(seen.add(probe.text()), "twice: " + probe.text());
            assertFalse(probe.text().isBlank() || probe.text().contains("\t"), probe.text());
            if (probe.writingSystem().equals("ascii")) {
                assertTrue(probe.text().chars().allMatch(c -> c < 0x80), probe.text());
            }
        }
    }
}
