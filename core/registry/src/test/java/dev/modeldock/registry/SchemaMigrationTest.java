package dev.modeldock.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class SchemaMigrationTest {
    @DatabaseTest
    void migratesAnEmptyDatabaseAndAgainWithoutChange(TestDatabase database) {
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            assertEquals(database.isPostgres(), db.isPostgres());
            db.jdbi().useHandle(h -> h.execute("INSERT INTO audit (at, actor, action, subject) VALUES"
                    + " (CURRENT_TIMESTAMP, 'test', 'probe', 'schema')"));
        }
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            List<String> actions = db.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit")
                    .mapTo(String.class).list());
            assertEquals(List.of("probe"), actions);
        }
    }

    @DatabaseTest
    void deploymentJobsRecordedBeforeJobsNamedTheirModelAreFoundByIt(TestDatabase database) {
        String url = database.isPostgres() ? database.url() : RegistryDatabase.embeddedUrl(database.folder());
        String user = database.isPostgres() ? database.user() : "";
        String password = database.isPostgres() ? database.password() : "";
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").target("1").load()
                .migrate();
        Jdbi.create(url, user, password).useHandle(h -> {
            h.execute("INSERT INTO content (id, state, started_at) VALUES (1, 'complete', CURRENT_TIMESTAMP)");
            h.execute("INSERT INTO artifact (sha256, content_id, size_bytes, chunk_bytes, chunk_count, created_at)"
                    + " VALUES ('" + "a".repeat(64) + "', 1, 0, 1, 0, CURRENT_TIMESTAMP)");
            h.execute("INSERT INTO model (id, name, description, last_version, created_at, updated_at)"
                    + " VALUES (1, 'old-model', '', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            h.execute("INSERT INTO model_version (id, model_id, number, artifact_sha256, lineage_json, metadata_json,"
                    + " created_by, created_at) VALUES (1, 1, 1, '" + "a".repeat(64) + "', '{}', '{}', 'alice',"
                    + " CURRENT_TIMESTAMP)");
            for (String[] job : new String[][] {{"job-d", "deployment"}, {"job-c", "conversion"}}) {
                h.execute("INSERT INTO job (id, kind, state, progress, stage, request, created_by, created_at)"
                        + " VALUES ('" + job[0] + "', '" + job[1] + "', 'succeeded', 1, 'done',"
                        + " '{\"model\": \"old-model\"}', 'alice', CURRENT_TIMESTAMP)");
            }
            h.execute("INSERT INTO deployment (model_id, version_id, target_name, database_model_name,"
                    + " artifact_sha256, status, job_id, created_by, created_at, updated_at)"
                    + " VALUES (1, 1, 'files', 'OLD', '" + "a".repeat(64) + "', 'deployed', 'job-d', 'alice', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        });
        try (OpenRegistry open = OpenRegistry.on(database)) {
            List<String> found = open.registry.jobs().list(new JobQuery(null, null, "old-model", 0, 50)).items()
                    .stream().map(Job::id).toList();
            assertEquals(List.of("job-d"), found, "a conversion's model was only in its request's JSON");
            assertEquals(null, open.registry.jobs().get("job-c").model());
        }
    }

    @DatabaseTest
    void isReachableWhileOpenAndNotOnceClosed(TestDatabase database) {
        RegistryDatabase db = OpenRegistry.database(database);
        assertTrue(db.isReachable());
        db.close();
        org.junit.jupiter.api.Assertions.assertFalse(db.isReachable());
    }

    @Test
    void refusesADatabaseItDoesNotRunOn() {
        ModelDockException e = org.junit.jupiter.api.Assertions.assertThrows(ModelDockException.class,
                () -> RegistryDatabase.open("jdbc:mysql://localhost/x", null, null));
        assertTrue(e.getMessage().contains("H2") && e.getMessage().contains("PostgreSQL"), e.getMessage());
    }

    @Test
    void anUnreachableServerIsReportedWithoutItsPassword() {
        ModelDockException e = org.junit.jupiter.api.Assertions.assertThrows(ModelDockException.class,
                () -> RegistryDatabase.open("jdbc:postgresql://127.0.0.1:1/none?password=hunter2&connectTimeout=2",
                        null, null));
        assertTrue(e.getMessage().contains("password=***") && !e.getMessage().contains("hunter2"), e.getMessage());
    }
}
