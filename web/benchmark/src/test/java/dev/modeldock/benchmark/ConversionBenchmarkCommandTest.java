package dev.modeldock.benchmark;

import static dev.modeldock.benchmark.BenchmarkRun.NUMBER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.testkit.MiniLmHubFolder;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modeldock-benchmark conversion} end to end on the real MiniLM with one round of each
 * measurement: every figure is printed, and the weight-format table's sizes, ratios and cosines are
 * consistent. Speeds are only required to be there: they describe the machine as much as the code.
 */
class ConversionBenchmarkCommandTest {
    private static final String ROW = "^%s +" + NUMBER + " +" + NUMBER + " +" + NUMBER + " +" + NUMBER + " +" + NUMBER
            + " +" + NUMBER + " +(.+)$";

    @TempDir
    static Path work;

    @Test
    void printsConversionThroughputAndTheWeightFormatsSideBySide() {
        Path model = MiniLmHubFolder.create(work);
        BenchmarkRun run = BenchmarkRun.of("conversion", "--model", model.toString(), "--texts", "10",
                "--repeat", "1", "--rounds", "1");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.number("exported pipeline .*? " + NUMBER + " embeddings/s") > 0);
        assertEquals(BenchmarkTexts.realistic().size(), run.number("weights: " + NUMBER + " texts"));

        Row float32 = Row.of(run, "float32");
        assertEquals(1.0, float32.sizeRatio());
        assertEquals(1.0, float32.speedRatio());
        assertEquals(1.0, float32.meanCosine());
        assertEquals("-", float32.quality(), "float32 has no quality report against itself");

        for (String format : new String[] {"int8", "float16"}) {
            Row row = Row.of(run, format);
            assertEquals(row.megabytes() / float32.megabytes(), row.sizeRatio(), 0.006, format);
            assertEquals(row.perSecond() / float32.perSecond(), row.speedRatio(), 0.01 + 0.02 * row.speedRatio(), format);
            assertTrue(row.minCosine() <= row.meanCosine() && row.meanCosine() <= 1.0, format);
            assertTrue(row.quality().matches("\\d\\.\\d{6} / \\d\\.\\d{6}, \\d+ of \\d+ queries agree"), row.quality());
        }
        assertEquals(0.5, Row.of(run, "float16").sizeRatio(), 0.05, "float16 weights take half");
        assertTrue(run.find("target: int8 at least 1.8x float32's speed: (met|NOT met)").length() > 0);
        assertEquals("met", run.find("target: int8 at most 0.3x float32's size: (met|NOT met)"),
                "int8 weights take a quarter of float32's bytes");
    }

    /** One line of the weight-format table. */
    private record Row(double megabytes, double sizeRatio, double perSecond, double speedRatio, double meanCosine,
            double minCosine, String quality) {
        static Row of(BenchmarkRun run, String format) {
            String regex = String.format(ROW, format);
            Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(run.out());
            assertTrue(m.find(), "no " + format + " row in:\n" + run.out());
            return new Row(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                    Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)),
                    Double.parseDouble(m.group(6)), m.group(7).strip());
        }
    }
}
