package dev.modeldock.service;

import dev.modeldock.registry.Registry;
import dev.modeldock.registry.RegistryDatabase;
import dev.modeldock.registry.SecretBox;
import dev.modeldock.registry.ServerNode;
import dev.modeldock.testkit.db.TestDatabase;

/**
 * The registry on a test's database as one server opens it: a connection pool of its own, so that
 * two of them over one database stand for two servers sharing it. On H2, the embedded database in
 * the test database's folder, as a server's data folder has it.
 */
final class ServerRegistry implements AutoCloseable {
    final RegistryDatabase database;
    final Registry registry;

    private ServerRegistry(RegistryDatabase database) {
        this.database = database;
        this.registry = new Registry(database, new SecretBox(new byte[32]), ServerNode.newId());
    }

    static ServerRegistry on(TestDatabase database) {
        return new ServerRegistry(database.isPostgres()
                ? RegistryDatabase.open(database.url(), database.user(), database.password())
                : RegistryDatabase.open(RegistryDatabase.embeddedUrl(database.folder()), null, null));
    }

    long failureRows() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sign_in_failure")
                .mapTo(Long.class).one());
    }

    @Override
    public void close() {
        database.close();
    }
}
