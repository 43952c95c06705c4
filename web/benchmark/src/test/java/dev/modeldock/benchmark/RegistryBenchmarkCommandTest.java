package dev.modeldock.benchmark;

import static dev.modeldock.benchmark.BenchmarkRun.NUMBER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modeldock-benchmark registry} end to end on tiny sizes: the server starts as a child JVM from the
 * test's class path, every figure is printed and plausible. Timings are not asserted: they
 * describe the machine as much as the code.
 */
class RegistryBenchmarkCommandTest {
    @TempDir
    Path work;

    @Test
    void printsEveryFigureForATinyRun() {
        BenchmarkRun run = BenchmarkRun.of("registry", "--size-mb", "8", "--models", "3", "--versions", "2",
                "--clients", "4", "--requests", "20", "--warmup", "2", "--repeat", "1", "--work-dir", work.toString());
        String out = run.out();
        assertEquals(0, run.exit(), out + run.err());

        for (String transfer : new String[] {"cp to the same disk", "cp + fsync", "upload:", "upload of the same bytes",
                "download:"}) {
            assertTrue(run.number(Pattern.quote(transfer) + ".*? s +" + NUMBER + " MiB/s") > 0, transfer + "\n" + out);
        }
        assertTrue(out.contains("download checked: its SHA-256 is the ETag"), out);
        assertEquals(256, run.number("heap limit " + NUMBER + " MiB"), "the child ran with -Xmx256m\n" + out);
        assertTrue(out.contains("server after the transfers: peak RSS"), out);
        assertTrue(run.number("catalog: 3 x 2 versions.*? " + NUMBER + " versions/s") > 0, out);
        assertTrue(out.contains("default page: 3 of 3 models"), out);

        Matcher latency = Pattern.compile("latency ms: p50 " + NUMBER + ", p90 " + NUMBER + ", p99 " + NUMBER
                + ", max " + NUMBER).matcher(out);
        assertTrue(latency.find(), out);
        double previous = 0;
        for (int i = 1; i <= 4; i++) {
            double value = Double.parseDouble(latency.group(i));
            assertTrue(value > 0 && value >= previous, "percentiles rise: " + latency.group());
            previous = value;
        }
        assertEquals(80, run.number("throughput: .*?\\(" + NUMBER + " requests in"), out);
        assertTrue(run.number("throughput: " + NUMBER + " requests/s") > 0, out);
        assertTrue(out.contains("CPU for all 88 requests"), out);
        assertTrue(out.contains("server at the end: peak RSS"), out);

        Path folder = Path.of(run.find("work folder (\\S+):"));
        assertTrue(folder.startsWith(work), folder.toString());
        assertFalse(Files.exists(folder), "the work folder is removed afterwards");
    }
}
