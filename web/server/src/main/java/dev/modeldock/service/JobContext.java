package dev.modeldock.service;

import dev.modeldock.plugin.Progress;
import dev.modeldock.registry.Jobs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a running job reports through: progress and log lines, kept in the job's event log where
 * the API streams them from. Progress is written when the stage changes or has moved on a percent,
 * so a chatty step does not flood the database.
 */
final class JobContext implements Progress {
    private final String jobId;
    private final Jobs jobs;
    private String lastStage = "";
    private double lastFraction = -1;

    JobContext(String jobId, Jobs jobs) {
        this.jobId = jobId;
        this.jobs = jobs;
    }

    public String jobId() {
        return jobId;
    }

    @Override
    public synchronized void report(String stage, double fraction) {
        double clamped = Math.max(0, Math.min(1, fraction));
        if (stage.equals(lastStage) && clamped - lastFraction < 0.01) {
            return;
        }
        if (!stage.equals(lastStage)) {
            log(stage);
        }
        lastStage = stage;
        lastFraction = clamped;
        jobs.progress(jobId, clamped, stage);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("stage", stage);
        data.put("progress", clamped);
        event("progress", data);
    }

    public synchronized void log(String line) {
        event("log", Map.of("line", line));
    }

    synchronized void event(String kind, Map<String, ?> data) {
        jobs.append(jobId, kind, Json.write(data));
    }
}
