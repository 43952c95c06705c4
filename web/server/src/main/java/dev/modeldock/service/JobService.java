package dev.modeldock.service;

import dev.modeldock.registry.Job;
import dev.modeldock.registry.JobEvent;
import dev.modeldock.registry.JobQuery;
import dev.modeldock.registry.Jobs;
import dev.modeldock.registry.Page;
import java.util.List;

/**
 * Conversions and deployments that run in the background, and what they reported: progress, log
 * lines and their final state, kept as an event log that outlives the process.
 */
public final class JobService {
    private final Jobs jobs;

    JobService(Jobs jobs) {
        this.jobs = jobs;
    }

    /** The jobs the query asks for, newest first. */
    public Page<Job> list(JobQuery query) {
        return jobs.list(query);
    }

    /** A job's state, progress and result. */
    public Job get(String id) {
        return jobs.get(id);
    }

    /** The job's events after sequence number {@code afterSeq} (0 for all), in order. */
    public List<JobEvent> events(String id, int afterSeq) {
        return jobs.events(id, afterSeq);
    }
}
