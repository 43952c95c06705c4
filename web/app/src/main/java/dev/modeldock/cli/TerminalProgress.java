package dev.modeldock.cli;

import dev.modeldock.plugin.Progress;
import java.io.PrintWriter;

/**
 * A one-line progress bar on standard error, redrawn in place; silent when no terminal is attached,
 * so scripts and logs get only the result.
 */
final class TerminalProgress implements Progress, AutoCloseable {
    private static final int BAR = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private String lastStage = "";
    private int lastFilled = -1;

    private TerminalProgress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static TerminalProgress onConsole(PrintWriter err) {
        return new TerminalProgress(err, System.console() != null);
    }

    @Override
    public synchronized void report(String stage, double fraction) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR);
        if (!enabled || (filled == lastFilled && stage.equals(lastStage))) {
            return;
        }
        lastFilled = filled;
        lastStage = stage;
        err.printf("\r[%s%s] %3d%% %-60.60s", "#".repeat(filled), " ".repeat(BAR - filled),
                Math.round(fraction * 100), stage);
        err.flush();
    }

    /** A file of a model being downloaded from the hub, as {@link dev.modeldock.source.hub.DownloadProgress}. */
    void download(String path, long done, long total) {
        report("downloading " + path, total > 0 ? (double) done / total : 0);
    }

    /** Ends the progress line so that what follows starts on a fresh one. */
    void finish() {
        if (enabled && lastFilled >= 0) {
            err.println();
            lastFilled = -1;
        }
    }

    @Override
    public void close() {
        finish();
    }
}
