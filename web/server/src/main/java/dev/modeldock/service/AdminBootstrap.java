package dev.modeldock.service;

import dev.modeldock.registry.ConflictException;
import dev.modeldock.registry.OwnerOnlyFile;
import dev.modeldock.registry.Role;
import dev.modeldock.registry.Users;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Makes sure someone can administer a new registry: on first start, an {@code admin} user with the
 * token from {@code MODELDOCK_ADMIN_TOKEN}, or with a generated token that is written to the data
 * folder (owner-only) and printed once.
 */
public final class AdminBootstrap {
    public static final String ADMIN_TOKEN_ENV = "MODELDOCK_ADMIN_TOKEN";
    /** The generated token's file in the data folder. */
    public static final String TOKEN_FILE = "admin-token";

    private AdminBootstrap() {
    }

    static void ensureAdmin(Users users, String tokenFromEnvironment, Path dataDir, PrintStream out) throws IOException {
        if (users.anyAdmin()) {
            return;
        }
        if (tokenFromEnvironment != null && !tokenFromEnvironment.isBlank()) {
            try {
                users.createWithToken("admin", Role.ADMIN, tokenFromEnvironment.strip(), "from " + ADMIN_TOKEN_ENV,
                        "bootstrap");
                out.println("admin user created with the token from " + ADMIN_TOKEN_ENV);
            } catch (ConflictException e) {
                // Servers started together over one new database: another one made the admin first.
                if (!users.anyAdmin()) {
                    throw e;
                }
            }
            return;
        }
        // The file first: should the process die before the user is stored, the next start finds no
        // admin, makes a new token and replaces the file; never an admin whose token was not kept.
        String token = Users.newToken();
        Path file = dataDir.resolve(TOKEN_FILE);
        java.nio.file.Files.deleteIfExists(file);
        OwnerOnlyFile.create(file, token + "\n");
        users.createWithToken("admin", Role.ADMIN, token, "first start", "bootstrap");
        out.println("admin user created; its API token (shown this once, also in " + file + "):");
        out.println("  " + token);
    }
}
