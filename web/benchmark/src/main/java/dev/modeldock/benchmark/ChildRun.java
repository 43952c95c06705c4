package dev.modeldock.benchmark;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A command run to its end in a process of its own, with its wall time and its peak resident memory
 * (Linux's VmHWM, read from {@code /proc} while it runs: the high-water mark only grows, so the last
 * reading is the peak up to a tenth of a second before the end).
 *
 * @param outcome the last line the command wrote, or its exit status when it wrote none
 */
record ChildRun(double seconds, long peakRssBytes, int exitStatus, String outcome) {
    private static final long POLL_MILLIS = 100;

    /** Runs {@code command}, its output and errors into {@code log}. */
    static ChildRun of(List<String> command, Path log) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.to(log.toFile()))
                .start();
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        long peak = 0;
        while (process.isAlive()) {
            peak = Math.max(peak, highWaterMark(status));
            Thread.sleep(POLL_MILLIS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> lines = Files.readAllLines(log);
        String last = lines.stream().filter(line -> !line.isBlank()).reduce((first, second) -> second).orElse("");
        String outcome = process.exitValue() == 0 ? "exported" : "refused: " + last;
        return new ChildRun(seconds, peak, process.exitValue(), outcome.length() > 240
                ? outcome.substring(0, 240) + "…" : outcome);
    }

    private static long highWaterMark(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The process ended between the check and the read.
        }
        return 0;
    }
}
