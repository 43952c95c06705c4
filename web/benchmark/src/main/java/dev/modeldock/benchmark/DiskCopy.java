package dev.modeldock.benchmark;

import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The floor a file transfer is measured against: the system's {@code cp} of the same file to the
 * same disk, with or without forcing the copy to the device.
 */
public final class DiskCopy {
    private DiskCopy() {
    }

    /**
     * The best time of {@code runs} copies of {@code from} to {@code to}; each copy is removed,
     * untimed, before the next.
     *
     * @param fsync whether each copy is forced to the device before its time is taken
     */
    public static double bestSeconds(Path from, Path to, boolean fsync, int runs) throws IOException,
            InterruptedException {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Process cp = new ProcessBuilder("cp", "--", from.toString(), to.toString()).redirectErrorStream(true)
                    .redirectOutput(Redirect.DISCARD).start();
            if (cp.waitFor() != 0) {
                throw new ModelDockException("cp of " + from + " failed with status " + cp.exitValue());
            }
            if (fsync) {
                force(to);
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
            Files.delete(to);
        }
        return best;
    }

    /** Forces the file's bytes to the device (fsync). */
    public static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
