package dev.modeldock.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The deployment record: queued, running, then deployed or failed; drifted and back; replaced by a later one. */
class DeploymentsStatusTest {
    private static final int FINISHERS = 8;

    @DatabaseTest
    void aDeploymentGoesFromQueuedThroughRunningToDeployed(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Deployments deployments = open.registry.deployments();
            Version version = open.modelWithVersion("minilm-l6");
            open.registry.aliases().set("minilm-l6", "production", "1", "alice");

            Deployment queued = deployments.create("minilm-l6", "production", "prod-db", "MINILM", "bob");
            assertEquals("queued", queued.status());
            assertEquals(List.of("minilm-l6", 1, "prod-db", "MINILM", version.artifactSha256(), "bob"),
                    List.of(queued.model(), queued.version(), queued.target(), queued.databaseModelName(),
                            queued.artifactSha256(), queued.createdBy()));
            assertNull(queued.finishedAt());
            deployments.attachJob(queued.id(), "job-1");
            deployments.running(queued.id());
            Deployment running = deployments.get(queued.id());
            assertEquals("running", running.status());
            assertEquals("job-1", running.jobId());
            assertNull(running.finishedAt());

            deployments.deployed(queued.id(), "PROD.MINILM");
            Deployment deployed = deployments.get(queued.id());
            assertEquals("deployed", deployed.status());
            assertEquals("PROD.MINILM", deployed.location());
            assertNull(deployed.error());
            assertNotNull(deployed.finishedAt());
            assertEquals(queued.createdAt(), deployed.createdAt());
            assertEquals("deployment.create", open.registry.audit(1).get(0).action());
            assertEquals("prod-db:MINILM", open.registry.audit(1).get(0).detail());
        }
    }

    @DatabaseTest
    void aFailedDeploymentKeepsItsError(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Deployments deployments = open.registry.deployments();
            open.modelWithVersion("minilm-l6");
            Deployment deployment = deployments.create("minilm-l6", "1", "prod-db", "MINILM", "bob");
            deployments.running(deployment.id());

            deployments.failed(deployment.id(), "ORA-01017: invalid username/password; logon denied");

            Deployment failed = deployments.get(deployment.id());
            assertEquals("failed", failed.status());
            assertEquals("ORA-01017: invalid username/password; logon denied", failed.error());
            assertNull(failed.location());
            assertNotNull(failed.finishedAt());
        }
    }

    @DatabaseTest
    void aLaterDeploymentOfTheSameNameOnTheSameTargetReplacesTheEarlierOne(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Deployments deployments = open.registry.deployments();
            open.modelWithVersion("minilm-l6");
            open.version("minilm-l6", "v2", "alice");
            long first = deploy(deployments, "1", "prod-db", "MINILM");
            long otherTarget = deploy(deployments, "1", "test-db", "MINILM");
            long otherName = deploy(deployments, "1", "prod-db", "MINILM_OLD");
            long failed = deployments.create("minilm-l6", "1", "prod-db", "MINILM", "bob").id();
            deployments.failed(failed, "lost the connection");

            long second = deploy(deployments, "2", "prod-db", "MINILM");

            assertEquals("replaced", deployments.get(first).status());
            assertEquals("deployed", deployments.get(second).status());
            assertEquals(2, deployments.get(second).version());
            assertEquals("deployed", deployments.get(otherTarget).status(), "another target keeps its model");
            assertEquals("deployed", deployments.get(otherName).status(), "another name keeps its model");
            assertEquals("failed", deployments.get(failed).status(), "a failure stays a failure");
            assertEquals(List.of(second, failed, otherName, otherTarget, first),
                    deployments.list("minilm-l6").stream().map(Deployment::id).toList(), "newest first");
        }
    }

    @DatabaseTest
    void deploymentsAreListedPerModelAndDriftChecksAreKept(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Deployments deployments = open.registry.deployments();
            open.modelWithVersion("minilm-l6");
            open.modelWithVersion("e5-base");
            long minilm = deploy(deployments, "minilm-l6", "1", "prod-db", "MINILM");
            long e5 = deploy(deployments, "e5-base", "1", "prod-db", "E5");

            assertEquals(List.of(minilm), deployments.list("minilm-l6").stream().map(Deployment::id).toList());
            assertEquals(List.of(e5, minilm), deployments.list(null).stream().map(Deployment::id).toList());
            assertThrows(NotFoundException.class, () -> deployments.list("labse"));
            assertThrows(NotFoundException.class, () -> deployments.get(e5 + 100));
            assertThrows(NotFoundException.class, () -> deployments.create("minilm-l6", "9", "prod-db", "X", "bob"));

            Deployment checked = deployments.checked(minilm, "{\"drift\": false}", false, Instant.now(), "carol");
            assertEquals("{\"drift\": false}", checked.lastCheck());
            assertEquals("deployed", checked.status());
            AuditEntry audit = open.registry.audit(1).get(0);
            assertEquals(List.of("carol", "deployment.check", "minilm-l6/1"), List.of(audit.actor(), audit.action(),
                    audit.subject()));
        }
    }

    @DatabaseTest
    void aCheckThatFindsDriftMarksItDriftedAndALaterPassingCheckDeployedAgain(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Deployments deployments = open.registry.deployments();
            open.modelWithVersion("minilm-l6");
            long id = deploy(deployments, "1", "prod-db", "MINILM");
            assertNull(deployments.get(id).checkedAt());
            Instant first = Instant.parse("2026-03-01T10:00:00Z");

            Deployment drifted = deployments.checked(id, "{\"drift\": true}", true, first, "carol");
            assertEquals("drifted", drifted.status());
            assertEquals(first, drifted.checkedAt());
            Deployment back = deployments.checked(id, "{\"drift\": false}", false, first.plusSeconds(60), "carol");
            assertEquals("deployed", back.status());
            assertEquals(first.plusSeconds(60), back.checkedAt());
            assertEquals("{\"drift\": false}", back.lastCheck());
        }
    }

    @DatabaseTest
    void aDriftedDeploymentIsStillLiveUntilReplacedAndThenChecksLeaveItReplaced(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Deployments deployments = open.registry.deployments();
            open.modelWithVersion("minilm-l6");
            long id = deploy(deployments, "1", "prod-db", "MINILM");
            deployments.checked(id, "{\"drift\": true}", true, Instant.now(), "carol");
            ConflictException live = assertThrows(ConflictException.class,
                    () -> open.registry.models().delete("minilm-l6", "alice"));
            assertTrue(live.getMessage().contains("prod-db:MINILM"), live.getMessage());

            deploy(deployments, "1", "prod-db", "MINILM");
            assertEquals("replaced", deployments.get(id).status(), "a drifted deployment is replaced like a deployed one");
            assertEquals("replaced", deployments.checked(id, "{\"drift\": false}", false, Instant.now(), "carol")
                    .status(), "a check does not bring a replaced deployment back");
        }
    }

    @DatabaseTest
    void ofDeploymentsOfOneNameFinishingAtOnceExactlyOneStaysDeployed(TestDatabase database) throws Exception {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Deployments deployments = open.registry.deployments();
            open.modelWithVersion("minilm-l6");
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < FINISHERS; i++) {
                ids.add(deployments.create("minilm-l6", "1", "prod-db", "MINILM", "bob").id());
                deployments.running(ids.get(i));
            }
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService jobs = Executors.newFixedThreadPool(FINISHERS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (long id : ids) {
                    done.add(jobs.submit(() -> {
                        start.await();
                        deployments.deployed(id, "PROD.MINILM");
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> finished : done) {
                    finished.get(60, TimeUnit.SECONDS);
                }
            } finally {
                jobs.shutdownNow();
            }

            List<String> statuses = ids.stream().map(id -> deployments.get(id).status()).toList();
            assertEquals(1, statuses.stream().filter("deployed"::equals).count(), statuses.toString());
            assertEquals(FINISHERS - 1, statuses.stream().filter("replaced"::equals).count(), statuses.toString());
        }
    }

    private static long deploy(Deployments deployments, String version, String target, String name) {
        return deploy(deployments, "minilm-l6", version, target, name);
    }

    private static long deploy(Deployments deployments, String model, String version, String target, String name) {
        long id = deployments.create(model, version, target, name, "bob").id();
        deployments.running(id);
        deployments.deployed(id, target + "/" + name);
        return id;
    }
}
