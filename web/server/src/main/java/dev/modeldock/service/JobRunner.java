package dev.modeldock.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.Job;
import dev.modeldock.registry.Jobs;
import dev.modeldock.registry.Registry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs conversions and deployments in the background. A job is a row in the registry: submitting
 * records it queued, and any server over the same database that runs jobs claims it (each job
 * exactly once, {@link Jobs#claim}), rebuilds its work from the recorded request and runs it on a
 * bounded pool, renewing its lease until it ends ({@link Heartbeat}). A full queue is refused (503).
 */
public final class JobRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    /** How often an idle worker looks for jobs queued through other servers; local ones wake it at once. */
    private static final long POLL_MILLIS = 500;

    /** The work of one kind of job, rebuilt from the job's recorded request on whichever server claims it. */
    @FunctionalInterface
    interface Work {
        /** @return what becomes the job's JSON result */
        Object run(Job job, JobContext context) throws Exception;
    }

    private final Jobs jobs;
    private final ObjectMapper json;
    private final String serverId;
    private final int threads;
    private final int queueCapacity;
    private final Duration lease;
    private final Map<String, Work> kinds = new ConcurrentHashMap<>();
    private final Semaphore submitted = new Semaphore(0);
    private volatile boolean stopping;
    private ExecutorService workers;

    /**
     * @param json    writes requests and results, which may hold records and timestamps
     * @param threads how many jobs this server runs at once; 0 for a server that runs none
     */
    JobRunner(Registry registry, ObjectMapper json, int threads, int queueCapacity, Duration lease) {
        this.jobs = registry.jobs();
        this.json = json;
        this.serverId = registry.serverId();
        this.threads = threads;
        this.queueCapacity = queueCapacity;
        this.lease = lease;
    }

    /** Says how jobs of {@code kind} run; every server registers the same kinds before {@link #start}. */
    void register(String kind, Work work) {
        kinds.put(kind, work);
    }

    /** Starts the workers that claim and run jobs; a server that runs none starts nothing. */
    void start() {
        if (threads == 0) {
            return;
        }
        AtomicInteger count = new AtomicInteger();
        workers = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "modeldock-job-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < threads; i++) {
            workers.execute(this::work);
        }
    }

    /**
     * Records the job as queued for whichever server claims it first; returns at once.
     *
     * @param model the name of the model the job converts or deploys, by which jobs are listed
     * @throws QueueFullException when as many jobs wait as the queue holds; the job is then recorded as failed
     */
    Job submit(String kind, String model, Object request, String actor) {
        if (!kinds.containsKey(kind)) {
            throw new IllegalArgumentException("no work is registered for jobs of kind " + kind);
        }
        boolean full = jobs.queued() >= queueCapacity;
        Job job = jobs.create(kind, model, write(request), actor);
        if (full) {
            jobs.finished(job.id(), null, "refused: too many jobs are queued");
            throw new QueueFullException();
        }
        submitted.release(); // a local worker need not wait for its next look
        return job;
    }

    /** Thrown when more jobs wait than the queue holds. */
    public static final class QueueFullException extends ModelDockException {
        private static final long serialVersionUID = 1L;

        QueueFullException() {
            super("too many jobs are queued; try again later");
        }
    }

    /** One worker: claims the oldest queued job, runs it, and looks again; waits a little when none is queued. */
    private void work() {
        while (!stopping) {
            try {
                Optional<Job> claimed = jobs.claim(serverId, lease);
                if (claimed.isPresent()) {
                    run(claimed.get());
                } else {
                    submitted.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) { // the database is unreachable: keep trying, without flooding the log
                LOG.warn("cannot claim jobs: {}", e.getMessage());
                if (!pause()) {
                    return;
                }
            }
        }
    }

    private void run(Job job) {
        JobContext context = new JobContext(job.id(), jobs);
        context.event("state", Map.of("state", "running", "server", serverId));
        String resultJson = null;
        String error = null;
        try {
            Work work = kinds.get(job.kind());
            if (work == null) {
                throw new ModelDockException("this server cannot run jobs of kind '" + job.kind() + "'");
            }
            Object result = work.run(job, context);
            resultJson = result == null ? null : write(result);
            // The final event goes in before the job is marked finished: an event stream that sees
            // the job finished then finds every event it will ever have.
            context.event("state", Map.of("state", "succeeded", "result", json.readTree(resultJson == null ? "null"
                    : resultJson)));
        } catch (Exception | LinkageError e) {
            error = e instanceof ModelDockException ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!(e instanceof ModelDockException)) {
                LOG.warn("job {} failed", job.id(), e);
            }
            context.event("state", Map.of("state", "failed", "error", String.valueOf(error)));
        }
        if (!jobs.finished(job.id(), resultJson, error)) {
            LOG.warn("job {} had been failed by another server, which took this one for stopped (its heartbeat came"
                    + " later than the lease of {} s); what it did is kept, its outcome is not", job.id(),
                    lease.toSeconds());
        }
    }

    /** Waits a poll interval; false when interrupted (the runner is closing). */
    private static boolean pause() {
        try {
            Thread.sleep(POLL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a job's request or result as JSON", e);
        }
    }

    /**
     * Stops claiming jobs, interrupts running ones and waits briefly for them; any still running
     * is then failed as interrupted, so other servers need not wait out its lease.
     */
    @Override
    public void close() {
        stopping = true;
        if (workers != null) {
            workers.shutdownNow();
            try {
                workers.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            jobs.failRunningOn(serverId);
        } catch (RuntimeException e) {
            LOG.warn("cannot mark this server's interrupted jobs failed; another server will when the lease ends: {}",
                    e.getMessage());
        }
    }
}
