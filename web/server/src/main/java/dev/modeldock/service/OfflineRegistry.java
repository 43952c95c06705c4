package dev.modeldock.service;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.Registry;
import dev.modeldock.registry.RegistryDatabase;
import dev.modeldock.registry.SecretBox;
import dev.modeldock.registry.ServerNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The registry a server uses, opened by a command run beside it ({@code modeldock users
 * set-password}) with only the services such a command calls. Unlike {@link Services#open} it starts
 * nothing and repairs nothing (no job runner, no child processes, no recovery, which would mark a
 * running server's jobs failed), and it never creates a registry: an embedded one must exist.
 */
public final class OfflineRegistry implements AutoCloseable {
    private final RegistryDatabase database;
    private final UserService users;
    private final SessionService sessions;

    private OfflineRegistry(RegistryDatabase database, Registry registry, ServiceConfig config) {
        this.database = database;
        this.users = new UserService(registry.users());
        this.sessions = new SessionService(registry.users(), registry.sessions(), registry.signInFailures(),
                config.sessions.idleTimeout, Clock.systemUTC());
    }

    /**
     * Opens the registry {@code config} names: its database URL, or the embedded one in its data folder.
     *
     * @throws ModelDockException when there is no embedded registry there, or the database cannot be
     *                            opened (an embedded one in use by a running server among the reasons)
     */
    public static OfflineRegistry open(ServiceConfig config) {
        String url = config.database.url;
        if (url == null) {
            Path dataDir = config.dataDir.toAbsolutePath();
            if (!Files.exists(dataDir.resolve("registry.mv.db"))) {
                throw new ModelDockException("there is no registry in " + dataDir + "; start the server once"
                        + " (modeldock serve --data-dir " + dataDir + ") to create it, or give --data-dir or --db-url");
            }
            url = RegistryDatabase.embeddedUrl(dataDir);
        }
        RegistryDatabase database;
        try {
            database = RegistryDatabase.open(url, config.database.user, config.database.password);
        } catch (ModelDockException e) {
            if (config.database.url == null && String.valueOf(e.getMessage()).contains("already in use")) {
                throw new ModelDockException("the registry in " + config.dataDir.toAbsolutePath() + " is in use by a"
                        + " running server: stop it first, or set the password on the web UI's Users page", e);
            }
            throw e;
        }
        // Users and sessions only: target secrets are never read or written here, so the key that
        // would seal them is a throwaway, and no key file is made in a data folder a server may not use.
        byte[] unused = new byte[32]; // AES-256
        new SecureRandom().nextBytes(unused);
        return new OfflineRegistry(database, new Registry(database, new SecretBox(unused), ServerNode.newId()), config);
    }

    public UserService users() {
        return users;
    }

    /** Passwords. */
    public SessionService sessions() {
        return sessions;
    }

    @Override
    public void close() {
        database.close();
    }
}
