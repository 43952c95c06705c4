package dev.modeldock.service;

import dev.modeldock.registry.Registry;
import dev.modeldock.registry.Servers;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this server listed as running: three times per lease it renews its heartbeat and the leases
 * of the jobs it runs, then clears what servers that stopped left behind ({@link Registry#recoverFromStops}):
 * their jobs failed, their partial uploads removed. Every server does this, so one that is killed is
 * cleared up by the others within about a lease.
 */
final class Heartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final Registry registry;
    private final Duration lease;
    private final boolean runsJobs;
    private final boolean servesHttp;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "modeldock-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    private Heartbeat(Registry registry, Duration lease, boolean runsJobs, boolean servesHttp) {
        this.registry = registry;
        this.lease = lease;
        this.runsJobs = runsJobs;
        this.servesHttp = servesHttp;
    }

    /** Lists this server as running and starts beating. */
    static Heartbeat start(Registry registry, Duration lease, boolean runsJobs, boolean servesHttp) {
        Heartbeat heartbeat = new Heartbeat(registry, lease, runsJobs, servesHttp);
        registry.servers().register(registry.serverId(), runsJobs, servesHttp);
        long period = Math.max(1, lease.toMillis() / 3);
        heartbeat.timer.scheduleAtFixedRate(heartbeat::beat, period, period, TimeUnit.MILLISECONDS);
        return heartbeat;
    }

    private void beat() {
        String id = registry.serverId();
        Servers servers = registry.servers();
        try {
            if (!servers.heartbeat(id)) {
                LOG.warn("server {} was taken for stopped (no heartbeat for {} s) and its jobs failed; it lists itself"
                        + " again", id, lease.toSeconds());
                servers.register(id, runsJobs, servesHttp);
            }
            registry.jobs().renew(id, lease);
            Registry.Recovery recovery = registry.recoverFromStops(lease);
            if (!recovery.isEmpty() || !recovery.stoppedServers().isEmpty()) {
                LOG.info("cleared after stopped server(s) {}: {} job(s) failed, {} partial upload(s) and {} unused"
                        + " artifact(s) removed", recovery.stoppedServers(), recovery.interruptedJobs(),
                        recovery.stagedUploads(), recovery.unreferencedArtifacts());
            }
        } catch (RuntimeException e) { // the database is unreachable now; the next beat tries again
            LOG.warn("heartbeat of server {} failed: {}", id, e.getMessage());
        }
    }

    /** Stops beating and removes this server from the list; what it left is then anyone's to clear. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            registry.servers().deregister(registry.serverId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("cannot remove server {} from the list; others will when its lease ends: {}",
                    registry.serverId(), e.getMessage());
        }
    }
}
