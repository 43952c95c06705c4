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
 * {@code modeldock-benchmark registry} end to end on tiny sizes: a server starts as a child JVM from the
 * test's class path on each artifact store (embedded H2, the test kit's PostgreSQL, S3Proxy), every
 * figure is printed and plausible. Timings are not asserted: they describe the machine as much as
 * the code.
 */
class RegistryBenchmarkCommandTest {
    /** Seconds, MiB/s and times cp's time of one transfer in the table. */
    private static final String TRANSFER_CELL = NUMBER + " s, " + NUMBER + " MiB/s, " + NUMBER + "x";

    @TempDir
    Path work;

    @Test
    void printsEveryFigureOnEachStoreForATinyRun() {
        BenchmarkRun run = BenchmarkRun.of("registry", "--size-mb", "8", "--models", "3", "--versions", "2",
                "--clients", "4", "--requests", "20", "--warmup", "2", "--repeat", "1", "--work-dir", work.toString(),
                "--stores", "s3,h2,postgres");
        String out = run.out();
        assertEquals(0, run.exit(), out + run.err());

        for (String transfer : new String[] {"cp to the same disk", "cp + fsync", "upload:", "upload of the same bytes",
                "download:"}) {
            assertTrue(run.number(Pattern.quote(transfer) + ".*? s +" + NUMBER + " MiB/s") > 0, transfer + "\n" + out);
        }
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

        assertEquals(1, count(out, "server at the end: peak RSS"), "the listing runs on the first store only\n" + out);
        assertTrue(out.indexOf("server at the end") < out.indexOf("\nh2: "), "the first store is s3\n" + out);
        for (String store : new String[] {"s3", "h2", "postgres"}) {
            Matcher row = Pattern.compile("^" + store + " +" + (TRANSFER_CELL + " +").repeat(3) + NUMBER + " MiB$",
                    Pattern.MULTILINE).matcher(out);
            assertTrue(row.find(), "a table row for " + store + "\n" + out);
            for (int group = 1; group <= 10; group++) {
                assertTrue(Double.parseDouble(row.group(group)) > 0, row.group());
            }
        }
        assertEquals(3, count(out, "download checked: its SHA-256 is the ETag"), out);

        Path folder = Path.of(run.find("work folder (\\S+):"));
        assertTrue(folder.startsWith(work), folder.toString());
        assertFalse(Files.exists(folder), "the work folder is removed afterwards");
    }

    @Test
    void refusesAStoreItDoesNotKnowNamingTheOnesItDoes() {
        BenchmarkRun run = BenchmarkRun.of("registry", "--stores", "h2,oracle", "--work-dir", work.toString());
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("no store 'oracle'; the stores are h2, postgres, s3"), run.err());
    }

    @Test
    void refusesAStoreNamedTwice() {
        BenchmarkRun run = BenchmarkRun.of("registry", "--stores", "h2,s3,h2", "--work-dir", work.toString());
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("--stores takes each store once"), run.err());
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
