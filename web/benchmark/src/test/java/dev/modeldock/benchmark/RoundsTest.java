package dev.modeldock.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The best and median round whatever order the rounds came in. */
class RoundsTest {

    @Test
    void theMedianOfAnOddCountIsTheMiddleRound() {
        Rounds rounds = rounds(0.9, 0.2, 0.5, 3.0, 0.4);
        assertEquals(0.5, rounds.median());
        assertEquals(0.2, rounds.best());
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(0.55, rounds(0.9, 0.4, 3.0, 0.5, 0.2, 0.6).median(), 1e-12);
    }

    @Test
    void oneRoundIsItsOwnMedianAndBest() {
        Rounds rounds = rounds(0.7);
        assertEquals(0.7, rounds.median());
        assertEquals(0.7, rounds.best());
    }

    @Test
    void noRoundHasNoFigure() {
        assertThrows(IllegalStateException.class, () -> new Rounds().median());
    }

    @Test
    void aCountBelowOneStillTimesOneRound() throws Exception {
        int[] runs = {0};
        Rounds.of(0, () -> runs[0]++);
        assertEquals(1, runs[0]);
    }

    private static Rounds rounds(double... seconds) {
        Rounds rounds = new Rounds();
        for (double s : seconds) {
            rounds.add(s);
        }
        return rounds;
    }
}
