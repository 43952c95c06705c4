package dev.modeldock.service;

import dev.modeldock.source.hub.DownloadProgress;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A hub download's progress in its job's events: the file being fetched as the stage, its fraction
 * within the download's share of the job (the encoder, which is most of the bytes, comes last),
 * and a log line with its size once each file is complete. Files the cache holds already are
 * not fetched, so they report nothing.
 */
final class DownloadReport implements DownloadProgress {
    private final JobContext context;
    private final double share;
    private final Set<String> complete = new HashSet<>();

    /** @param share the part of the job's progress the download takes, from 0 */
    DownloadReport(JobContext context, double share) {
        this.context = context;
        this.share = share;
    }

    @Override
    public void update(String path, long done, long total) {
        context.report("downloading " + path, share * (total > 0 ? Math.min(1, (double) done / total) : 1));
        if (done >= total && complete.add(path)) {
            context.log("downloaded " + path + " (" + size(total) + ")");
        }
    }

    private static String size(long bytes) {
        return bytes < 10_000 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
