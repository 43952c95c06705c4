package dev.modeldock.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Jobs: created queued, claimed by one server, reporting progress and events, finished; failed when
 * the server running them stopped.
 */
class JobsLifecycleTest {
    private static final Duration LEASE = Duration.ofMinutes(1);

    @DatabaseTest
    void aJobRunsFromQueuedToSucceededWithItsProgress(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Jobs jobs = open.registry.jobs();
            Job queued = jobs.create("conversion", null, "{\"source\": \"x\"}", "alice");
            assertEquals(List.of("conversion", "queued", "queued", "{\"source\": \"x\"}", "alice"),
                    List.of(queued.kind(), queued.state(), queued.stage(), queued.request(), queued.createdBy()));
            assertEquals(0.0, queued.progress());
            assertNull(queued.startedAt());
            assertFalse(queued.isFinished());

            Job running = jobs.claim("server-a", LEASE).orElseThrow();
            assertEquals(queued.id(), running.id());
            assertEquals(List.of("running", "server-a"), List.of(running.state(), running.server()));
            assertNotNull(running.startedAt());
            assertTrue(jobs.claim("server-b", LEASE).isEmpty(), "a job is claimed once");
            jobs.progress(queued.id(), 0.4, "exporting the graph");
            assertEquals(0.4, jobs.get(queued.id()).progress(), 1e-9);
            assertEquals("exporting the graph", jobs.get(queued.id()).stage());
            jobs.progress(queued.id(), 0.5, "s".repeat(1000));
            assertEquals(400, jobs.get(queued.id()).stage().length(), "a long stage is cut to fit");

            jobs.finished(queued.id(), "{\"version\": 1}", null);
            Job done = jobs.get(queued.id());
            assertEquals("succeeded", done.state());
            assertEquals(1.0, done.progress());
            assertEquals("{\"version\": 1}", done.result());
            assertNull(done.error());
            assertNotNull(done.finishedAt());
            assertTrue(done.isFinished());
        }
    }

    @DatabaseTest
    void aFailedJobKeepsItsErrorAndWhereItGotTo(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Jobs jobs = open.registry.jobs();
            String id = jobs.create("deployment", null, "{}", "alice").id();
            jobs.claim("server-a", LEASE);
            jobs.progress(id, 0.3, "uploading");

            jobs.finished(id, null, "ORA-12541: no listener");

            Job failed = jobs.get(id);
            assertEquals("failed", failed.state());
            assertEquals("ORA-12541: no listener", failed.error());
            assertEquals(0.3, failed.progress(), 1e-9);
            assertNull(failed.result());
            assertThrows(NotFoundException.class, () -> jobs.get("no-such-job"));
            assertTrue(jobs.find("no-such-job").isEmpty());
        }
    }

    @DatabaseTest
    void eventsAreKeptInTheOrderTheyWereAppended(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Jobs jobs = open.registry.jobs();
            String id = jobs.create("conversion", null, "{}", "alice").id();
            String other = jobs.create("conversion", null, "{}", "alice").id();
            jobs.append(other, "log", "{\"line\": \"another job\"}");

            List<Integer> seqs = IntStream.range(0, 12).mapToObj(i -> jobs.append(id, i % 3 == 0 ? "progress" : "log",
                    "{\"i\": " + i + "}").seq()).toList();

            assertEquals(IntStream.rangeClosed(1, 12).boxed().toList(), seqs);
            List<JobEvent> all = jobs.events(id, 0);
            assertEquals(IntStream.range(0, 12).mapToObj(i -> "{\"i\": " + i + "}").toList(),
                    all.stream().map(JobEvent::data).toList());
            assertEquals("progress", all.get(3).kind());
            assertEquals("log", all.get(4).kind());
            for (int i = 1; i < all.size(); i++) {
                assertFalse(all.get(i).at().isBefore(all.get(i - 1).at()));
            }
            assertEquals(List.of(11, 12), jobs.events(id, 10).stream().map(JobEvent::seq).toList(),
                    "a client resuming after event 10");
            assertEquals(List.of(), jobs.events(id, 12));
            assertEquals(1, jobs.events(other, 0).size());
        }
    }

    @DatabaseTest
    void theJobsOfAServerThatStoppedFailNamingItAndTheirDeploymentsWithThem(TestDatabase database) throws Exception {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Jobs jobs = open.registry.jobs();
            Servers servers = open.registry.servers();
            Deployments deployments = open.registry.deployments();
            servers.register("server-a", true, true);
            servers.register("server-b", true, true);
            open.modelWithVersion("minilm-l6");
            long deploymentOnA = deployments.create("minilm-l6", "1", "db", "A", "alice").id();
            long deploymentOnB = deployments.create("minilm-l6", "1", "db", "B", "alice").id();
            String onA = jobs.create("deployment", "minilm-l6", "{}", "alice").id();
            deployments.attachJob(deploymentOnA, onA);
            assertEquals(onA, jobs.claim("server-a", LEASE).orElseThrow().id());
            jobs.append(onA, "state", "{\"state\":\"running\"}");
            String onB = jobs.create("deployment", "minilm-l6", "{}", "alice").id();
            deployments.attachJob(deploymentOnB, onB);
            assertEquals(onB, jobs.claim("server-b", LEASE).orElseThrow().id());
            String waiting = jobs.create("conversion", "minilm-l6", "{}", "alice").id();

            assertEquals(0, jobs.failOrphaned(), "both servers run");
            servers.deregister("server-a"); // what forgetting a server past its lease does
            assertEquals(1, jobs.failOrphaned());

            Job failed = jobs.get(onA);
            assertEquals("failed", failed.state());
            assertEquals("interrupted: server server-a stopped while this job was running", failed.error());
            List<JobEvent> events = jobs.events(onA, 0);
            JsonNode last = new ObjectMapper().readTree(events.get(events.size() - 1).data());
            assertEquals(List.of("state", "failed", failed.error()), List.of(events.get(events.size() - 1).kind(),
                    last.path("state").asText(), last.path("error").asText()), "a client following the events"
                    + " learns how the job ended");
            assertEquals("failed", deployments.get(deploymentOnA).status());
            assertEquals(List.of("running", "queued"), List.of(jobs.get(onB).state(), jobs.get(waiting).state()),
                    "a running server's job, and a queued job any server may still claim, are left alone");
            assertEquals("queued", deployments.get(deploymentOnB).status());
            assertEquals(0, jobs.failOrphaned(), "nothing left to fail");
        }
    }

    @DatabaseTest
    void aJobWhoseLeaseRanOutFailsAndItsServerCannotEndItAfterwards(TestDatabase database) throws Exception {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Jobs jobs = open.registry.jobs();
            open.registry.servers().register("server-a", true, true);
            String id = jobs.create("conversion", null, "{}", "alice").id();
            jobs.claim("server-a", Duration.ofMillis(200));
            jobs.renew("server-a", Duration.ofMillis(200));
            assertEquals(0, jobs.failOrphaned());
            Thread.sleep(300);

            assertEquals(1, jobs.failOrphaned());

            assertFalse(jobs.finished(id, "{}", null), "the server that lost its lease learns so");
            assertEquals("failed", jobs.get(id).state());
        }
    }

    @DatabaseTest
    void aStoppingServerFailsItsOwnRunningJobsOnly(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Jobs jobs = open.registry.jobs();
            String mine = jobs.create("conversion", null, "{}", "alice").id();
            jobs.claim("server-a", LEASE);
            String theirs = jobs.create("conversion", null, "{}", "alice").id();
            jobs.claim("server-b", LEASE);

            assertEquals(1, jobs.failRunningOn("server-a"));

            assertEquals(Jobs.INTERRUPTED, jobs.get(mine).error());
            assertEquals("running", jobs.get(theirs).state());
        }
    }

    @DatabaseTest
    void serversFailingAStoppedServersJobsAtOnceFailEachOnceWithOneFinalEvent(TestDatabase database)
            throws Exception {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Jobs jobs = open.registry.jobs();
            List<String> orphans = IntStream.range(0, 20).mapToObj(i -> jobs.create("conversion", null, "{}", "alice")
                    .id()).toList();
            orphans.forEach(id -> jobs.claim("stopped-server", LEASE));
            AtomicInteger failed = new AtomicInteger();

            assertEquals(4, Racing.succeeded(4, () -> failed.addAndGet(jobs.failOrphaned())));

            assertEquals(orphans.size(), failed.get(), "each orphan failed by one server only");
            for (String id : orphans) {
                assertEquals(1, jobs.events(id, 0).size(), "one final state event for " + id);
            }
        }
    }

    @DatabaseTest
    void serversClaimingAtOnceClaimEachJobExactlyOnce(TestDatabase database) throws Exception {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Jobs jobs = open.registry.jobs();
            List<String> created = IntStream.range(0, 40).mapToObj(i -> jobs.create("conversion", null, "{}", "alice")
                    .id()).toList();
            List<String> claimed = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger servers = new AtomicInteger();

            assertEquals(8, Racing.succeeded(8, () -> {
                String server = "server-" + servers.incrementAndGet();
                for (Optional<Job> job = jobs.claim(server, LEASE); job.isPresent(); job = jobs.claim(server, LEASE)) {
                    claimed.add(job.get().id());
                }
                return null;
            }));

            assertEquals(created.size(), claimed.size(), "no job claimed twice");
            assertEquals(new HashSet<>(created), new HashSet<>(claimed), "every job claimed");
        }
    }

    @DatabaseTest
    void jobsAreListedNewestFirstByStateKindAndModelAndPaged(TestDatabase database) throws Exception {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Jobs jobs = open.registry.jobs();
            String first = jobs.create("conversion", "m1", "{}", "alice").id();
            Thread.sleep(5); // distinct creation times, so that newest first is one order
            String second = jobs.create("deployment", "m1", "{}", "alice").id();
            Thread.sleep(5);
            String third = jobs.create("conversion", "m2", "{}", "bob").id();
            jobs.finished(first, null, "broke");

            assertEquals(List.of(third, second, first), ids(jobs.list(new JobQuery(null, null, null, 0, 50))));
            assertEquals(List.of(third, first), ids(jobs.list(new JobQuery(null, "conversion", null, 0, 50))));
            assertEquals(List.of(second, first), ids(jobs.list(new JobQuery(null, null, "m1", 0, 50))));
            assertEquals(List.of(first), ids(jobs.list(new JobQuery("failed", null, null, 0, 50))));
            assertEquals(List.of(third, second), ids(jobs.list(new JobQuery("queued", null, null, 0, 50))));
            assertEquals("m1", jobs.get(second).model());
            Page<Job> page = jobs.list(new JobQuery(null, null, null, 1, 1));
            assertEquals(List.of(second), ids(page));
            assertEquals(3, page.total());
        }
    }

    @org.junit.jupiter.api.Test
    void aJobQueryRefusesValuesItDoesNotKnowNamingTheAllowedOnes() {
        assertTrue(assertThrows(dev.modeldock.plugin.ModelDockException.class, () -> new JobQuery("done", null, null,
                0, 50)).getMessage().contains("queued, running, succeeded, failed"));
        assertTrue(assertThrows(dev.modeldock.plugin.ModelDockException.class, () -> new JobQuery(null, "upload",
                null, 0, 50)).getMessage().contains("conversion, deployment"));
        assertThrows(dev.modeldock.plugin.ModelDockException.class, () -> new JobQuery(null, null, "a b", 0, 50));
        assertThrows(dev.modeldock.plugin.ModelDockException.class, () -> new JobQuery(null, null, null, 0,
                Page.MAX_LIMIT + 1));
    }

    private static List<String> ids(Page<Job> page) {
        return page.items().stream().map(Job::id).toList();
    }
}
