package dev.modeldock.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.Job;
import dev.modeldock.registry.Jobs;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs conversions and deployments in the background on a bounded pool: a few at a time, a
 * bounded queue behind them, and a clear refusal (503) when the queue is full.
 */
public final class JobRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    /** The work of one job; what it returns becomes the job's JSON result. */
    @FunctionalInterface
    interface Work {
        Object run(JobContext context) throws Exception;
    }

    private final Jobs jobs;
    private final ObjectMapper json;
    private final ThreadPoolExecutor pool;

    /** @param json writes requests and results, which may hold records and timestamps */
    JobRunner(Jobs jobs, ObjectMapper json, int threads, int queueCapacity) {
        this.jobs = jobs;
        this.json = json;
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> {
                    Thread thread = new Thread(r, "modeldock-job-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Records the job and queues it; returns at once with the job as queued.
     *
     * @param model the name of the model the job converts or deploys, by which jobs are listed
     * @throws QueueFullException when the queue is full; the job is then recorded as failed
     */
    Job submit(String kind, String model, Object request, String actor, Work work) {
        Job job = jobs.create(kind, model, write(request), actor);
        try {
            pool.execute(() -> run(job.id(), work));
        } catch (RejectedExecutionException e) {
            jobs.finished(job.id(), null, "refused: too many jobs are queued");
            throw new QueueFullException();
        }
        return job;
    }

    /** Thrown when more jobs wait than the queue holds. */
    public static final class QueueFullException extends ModelDockException {
        private static final long serialVersionUID = 1L;

        QueueFullException() {
            super("too many jobs are queued; try again later");
        }
    }

    private void run(String id, Work work) {
        JobContext context = new JobContext(id, jobs);
        jobs.started(id);
        context.event("state", Map.of("state", "running"));
        try {
            Object result = work.run(context);
            String resultJson = result == null ? null : write(result);
            // The final event goes in before the job is marked finished: an event stream that sees
            // the job finished then finds every event it will ever have.
            context.event("state", Map.of("state", "succeeded", "result", json.readTree(resultJson == null ? "null"
                    : resultJson)));
            jobs.finished(id, resultJson, null);
        } catch (Exception | LinkageError e) {
            String error = e instanceof ModelDockException ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!(e instanceof ModelDockException)) {
                LOG.warn("job {} failed", id, e);
            }
            context.event("state", Map.of("state", "failed", "error", String.valueOf(error)));
            jobs.finished(id, null, error);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a job's request or result as JSON", e);
        }
    }

    /** Stops taking jobs and waits briefly for running ones; what is left is marked failed at next start. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
