package dev.modeldock.service;

import dev.modeldock.source.hub.DownloadProgress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A hub download's progress in its job's events: the file being fetched as the stage, the bytes of
 * the whole download so far as the fraction within the download's share of the job, and a log line
 * with its size once each file is complete. Files the cache holds already are not fetched, so they
 * report nothing.
 */
final class DownloadReport implements DownloadProgress {
    private final JobContext context;
    private final double share;
    private final Map<String, Long> received = new HashMap<>();
    private final Set<String> complete = new HashSet<>();
    private long planned;

    /** @param share the part of the job's progress the download takes, from 0 */
    DownloadReport(JobContext context, double share) {
        this.context = context;
        this.share = share;
    }

    @Override
    public void planned(long totalBytes) {
        planned = totalBytes;
    }

    @Override
    public void update(String path, long done, long total) {
        received.put(path, done);
        long all = received.values().stream().mapToLong(Long::longValue).sum();
        double fraction = planned > 0 ? (double) all / planned : total > 0 ? (double) done / total : 1;
        context.report("downloading " + path, share * Math.min(1, fraction));
        if (done >= total && complete.add(path)) {
            context.log("downloaded " + path + " (" + size(total) + ")");
        }
    }

    private static String size(long bytes) {
        return bytes < 10_000 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
