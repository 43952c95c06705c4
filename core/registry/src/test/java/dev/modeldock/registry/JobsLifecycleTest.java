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
import java.util.List;
import java.util.stream.IntStream;

/** Jobs: created queued, started, reporting progress and events, finished; failed when a crash cut them off. */
class JobsLifecycleTest {
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

            jobs.started(queued.id());
            Job running = jobs.get(queued.id());
            assertEquals("running", running.state());
            assertNotNull(running.startedAt());
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
            jobs.started(id);
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
    void aRestartFailsTheJobsAndDeploymentsACrashCutOff(TestDatabase database) throws Exception {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Jobs jobs = open.registry.jobs();
            Deployments deployments = open.registry.deployments();
            String queued = jobs.create("conversion", null, "{}", "alice").id();
            String running = jobs.create("deployment", null, "{}", "alice").id();
            jobs.started(running);
            jobs.append(running, "state", "{\"state\":\"running\"}");
            jobs.append(running, "log", "{\"line\":\"uploading\"}");
            String succeeded = jobs.create("conversion", null, "{}", "alice").id();
            jobs.started(succeeded);
            jobs.finished(succeeded, "{}", null);
            String failed = jobs.create("conversion", null, "{}", "alice").id();
            jobs.finished(failed, null, "bad source");
            open.modelWithVersion("minilm-l6");
            long deploymentQueued = deployments.create("minilm-l6", "1", "db", "A", "alice").id();
            long deploymentRunning = deployments.create("minilm-l6", "1", "db", "B", "alice").id();
            deployments.running(deploymentRunning);
            long deployed = deployments.create("minilm-l6", "1", "db", "C", "alice").id();
            deployments.deployed(deployed, "C");

            assertEquals(2, jobs.failInterrupted());

            for (String id : List.of(queued, running)) {
                Job job = jobs.get(id);
                assertEquals("failed", job.state());
                assertEquals(Jobs.INTERRUPTED, job.error());
                assertTrue(job.error().contains("interrupted"));
                assertNotNull(job.finishedAt());
            }
            List<JobEvent> events = jobs.events(running, 0);
            assertEquals(List.of(1, 2, 3), events.stream().map(JobEvent::seq).toList());
            JobEvent last = events.get(2);
            assertEquals("state", last.kind(), "a client following the events learns how the job ended");
            JsonNode data = new ObjectMapper().readTree(last.data());
            assertEquals(List.of("failed", Jobs.INTERRUPTED), List.of(data.path("state").asText(),
                    data.path("error").asText()));
            assertEquals("state", jobs.events(queued, 0).get(0).kind());
            assertEquals(List.of(), jobs.events(succeeded, 0), "a finished job is left alone");
            assertEquals("succeeded", jobs.get(succeeded).state());
            assertEquals("bad source", jobs.get(failed).error());
            for (long id : List.of(deploymentQueued, deploymentRunning)) {
                assertEquals("failed", deployments.get(id).status());
                assertEquals(Jobs.INTERRUPTED, deployments.get(id).error());
            }
            assertEquals("deployed", deployments.get(deployed).status());
            assertEquals(0, jobs.failInterrupted(), "nothing left to fail");
            assertEquals(0, open.registry.recover().interruptedJobs());
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
