package dev.modeldock.registry;

import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A registry on a test's fresh database ({@link DatabaseTest}), for the repositories' tests; closing
 * it closes the registry's connections, and the test kit removes the database after the test.
 */
final class OpenRegistry implements AutoCloseable {
    /** The key these tests seal target secrets with. */
    static final byte[] KEY = new byte[32];

    final RegistryDatabase database;
    final Registry registry;

    private OpenRegistry(RegistryDatabase database) {
        this.database = database;
        this.registry = new Registry(database, new SecretBox(KEY), ServerNode.newId());
    }

    static OpenRegistry on(TestDatabase database) {
        return new OpenRegistry(database(database));
    }

    /**
     * Opens the registry's database on the test's, migrating it: on PostgreSQL its schema, on H2 the
     * registry's own embedded database in the test database's folder, as a server's data folder has it.
     */
    static RegistryDatabase database(TestDatabase database) {
        return database.isPostgres() ? RegistryDatabase.open(database.url(), database.user(), database.password())
                : RegistryDatabase.open(RegistryDatabase.embeddedUrl(database.folder()), null, null);
    }

    /** Stores {@code text} as an artifact and returns its SHA-256. */
    String artifact(String text) {
        try {
            return registry.artifacts().put(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).sha256();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files a version of {@code model} whose artifact holds {@code text}. */
    Version version(String model, String text, String actor) {
        return registry.versions().create(model, newVersion(artifact(text)), actor);
    }

    static NewVersion newVersion(String sha256) {
        return new NewVersion(sha256, "{\"template\": \"text\"}", "{\"kind\": \"test\"}",
                "{\"function\": \"embedding\"}", null);
    }

    /** Creates a model with a version, ready to be deployed or aliased. */
    Version modelWithVersion(String model) {
        registry.models().create(model, "", List.of(), "alice");
        return version(model, model + " v1", "alice");
    }

    long count(String query) {
        return database.jdbi().withHandle(h -> h.createQuery(query).mapTo(Long.class).one());
    }

    /** The audit actions, oldest first. */
    List<String> auditActions() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit ORDER BY id")
                .mapTo(String.class).list());
    }

    /** An actor name longer than the audit table takes: the audit insert fails, late in the transaction. */
    static String actorTheAuditRefuses() {
        return "x".repeat(65);
    }

    @Override
    public void close() {
        database.close();
    }
}
