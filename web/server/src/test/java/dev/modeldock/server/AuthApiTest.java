package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.registry.Role;
import dev.modeldock.service.AdminBootstrap;
import dev.modeldock.testkit.api.ApiClient;
import dev.modeldock.testkit.api.ApiResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Who may do what: roles, tokens, anonymous reads, and the first admin. */
class AuthApiTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();
    static Map<String, ApiClient> callers = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        callers.put("anonymous", server.anonymous());
        for (Role role : Role.values()) {
            callers.put(role.id(), role == Role.ADMIN ? server.admin() : server.newUser(role));
        }
        server.admin().createModel("auth-model");
        server.admin().upload("auth-model", ServerFixture.regressor(), ServerFixture.REGRESSOR_METADATA);
    }

    @Test
    void everyoneReadsWhileAnonymousReadsAreOn() {
        for (var caller : callers.entrySet()) {
            for (String path : List.of("/api/v1/models", "/api/v1/models/auth-model", "/api/v1/models/auth-model/versions/1",
                    "/api/v1/models/auth-model/versions/1/artifact", "/api/v1/deployments", "/api/v1/plugins")) {
                assertEquals(200, caller.getValue().get(path).status(), caller.getKey() + " GET " + path);
            }
        }
    }

    @Test
    void writesNeedEditor() {
        assertRoleMatrix("editor", (client, i) -> client.post("/api/v1/models", Map.of("name", "auth-new-" + i)), 201);
    }

    @Test
    void deploymentsNeedDeployer() {
        // An empty request passes the role check only to be refused as incomplete.
        assertRoleMatrix("deployer", (client, i) -> client.post("/api/v1/deployments", "{}"), 400);
        assertRoleMatrix("deployer", (client, i) -> client.post("/api/v1/deployments/424242/check", ""), 404);
    }

    @Test
    void targetsAndUsersNeedAdmin() {
        assertRoleMatrix("admin", (client, i) -> client.get("/api/v1/targets"), 200);
        assertRoleMatrix("admin", (client, i) -> client.post("/api/v1/targets", Map.of("name", "auth-t" + i,
                "plugin", "file", "settings", Map.of("output_dir", "auth"))), 201);
        assertRoleMatrix("admin", (client, i) -> client.get("/api/v1/users"), 200);
        assertRoleMatrix("admin", (client, i) -> client.post("/api/v1/users", Map.of("name", "auth-u" + i,
                "role", "viewer")), 201);
    }

    @Test
    void refusalsSayWhatIsMissing() {
        JsonNode error = callers.get("editor").post("/api/v1/deployments", "{}").expectError(403, "editor", "deployer");
        assertTrue(error.path("detail").isNull());
        ApiResponse anonymous = server.anonymous().post("/api/v1/models", Map.of("name", "auth-anon"));
        anonymous.expectError(401, "token");
        assertTrue(anonymous.header("WWW-Authenticate").startsWith("Bearer"), anonymous.headers().toString());
    }

    @Test
    void anUnknownTokenIs401EvenForReads() {
        ApiResponse answer = server.as("mdk_not-a-token").get("/api/v1/models");
        answer.expectError(401, "not valid");
        assertTrue(answer.header("WWW-Authenticate").contains("invalid_token"), answer.headers().toString());
        server.as("mdk_not-a-token").get("/api/v1/models/auth-model/versions/1/artifact").expectError(401);
        ApiResponse basic = server.anonymous().send(server.anonymous().request("/api/v1/models")
                .header("Authorization", "Basic YWRtaW46YWRtaW4=").GET());
        basic.expectError(401, "Bearer");
    }

    @Test
    void aDeletedUsersTokenStopsWorking() {
        server.admin().post("/api/v1/users", Map.of("name", "auth-leaver", "role", "editor")).expect(201);
        String token = server.admin().post("/api/v1/users/auth-leaver/tokens", "").expect(201).json().path("token")
                .asText();
        assertTrue(token.startsWith("mdk_"), token);
        assertEquals("auth-leaver", server.as(token).get("/api/v1/me").expect(200).json().path("name").asText());
        server.admin().delete("/api/v1/users/auth-leaver").expect(204);
        server.as(token).get("/api/v1/me").expectError(401);
        server.admin().delete("/api/v1/users/auth-leaver").expectError(404, "auth-leaver");
        server.admin().post("/api/v1/users/auth-leaver/tokens", "").expectError(404, "auth-leaver");
    }

    @Test
    void theLastAdminCannotBeDeletedOrDemotedButAnAdminAmongOthersCan() {
        JsonNode before = server.storedState();
        server.admin().delete("/api/v1/users/admin").expectError(409, "last admin");
        server.admin().patch("/api/v1/users/admin", Map.of("role", "editor")).expectError(409, "last admin");
        assertEquals(before, server.storedState(), "a refusal changes nothing");
        assertEquals("admin", server.admin().get("/api/v1/me").expect(200).json().path("role").asText());

        server.admin().post("/api/v1/users", Map.of("name", "auth-second", "role", "viewer")).expect(201);
        JsonNode promoted = server.admin().patch("/api/v1/users/auth-second", Map.of("role", "admin")).expect(200)
                .json();
        assertEquals("admin", promoted.path("role").asText());
        server.admin().patch("/api/v1/users/auth-second", Map.of("role", "deployer")).expect(200);
        server.admin().patch("/api/v1/users/auth-second", Map.of("role", "owner")).expectError(400, "owner");
        server.admin().patch("/api/v1/users/auth-nobody", Map.of("role", "viewer")).expectError(404, "auth-nobody");
        callers.get("editor").patch("/api/v1/users/auth-second", Map.of("role", "admin")).expectError(403);
        server.admin().delete("/api/v1/users/auth-second").expect(204);
    }

    @Test
    void badUserRequestsAreRefused() {
        JsonNode before = server.storedState();
        server.admin().post("/api/v1/users", Map.of("name", "auth-bad", "role", "owner")).expectError(400, "owner");
        server.admin().post("/api/v1/users", Map.of("name", "../root", "role", "viewer")).expectError(400, "user name");
        server.admin().post("/api/v1/users", Map.of("name", "admin", "role", "viewer")).expectError(409, "admin");
        server.admin().post("/api/v1/users", Map.of("name", "auth-nrole")).expectError(400, "role");
        ServerFixture.assertUnchanged(before, server.storedState(), "refused user requests");
        JsonNode users = server.admin().get("/api/v1/users").expect(200).json();
        users.forEach(u -> assertFalse(u.has("token") || u.toString().contains("mdk_"), u.toString()));
    }

    @Test
    void withAnonymousReadsOffEveryReadNeedsAToken(@TempDir Path otherDir) {
        try (ServerFixture closed = ServerFixture.start(otherDir,
                config -> config.auth.anonymousRead = false)) {
            ApiClient viewer = closed.newUser(Role.VIEWER);
            for (String path : List.of("/api/v1/models", "/api/v1/templates", "/api/v1/plugins", "/api/v1/deployments",
                    "/api/v1/me", "/api/v1/preconfigured")) {
                closed.anonymous().get(path).expectError(401, "token");
                viewer.get(path).expect(200);
            }
            closed.anonymous().get("/api/v1/health").expect(200);
            closed.anonymous().get("/openapi.json").expect(200);
            viewer.post("/api/v1/models", Map.of("name", "closed-model")).expectError(403, "viewer");
        }
    }

    @Test
    void firstStartWithoutAnAdminTokenMakesOneShownOnceAndKeptOwnerOnly(@TempDir Path freshDir) throws Exception {
        String token;
        try (ServerFixture fresh = ServerFixture.start(freshDir, config -> config.secrets.adminToken = null)) {
            Path file = freshDir.resolve(AdminBootstrap.TOKEN_FILE);
            token = Files.readString(file).strip();
            assertTrue(token.startsWith("mdk_") && token.length() > 40, token);
            assertTrue(fresh.startupOutput().contains(token), fresh.startupOutput());
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(file));
            assertEquals("admin", fresh.as(token).get("/api/v1/me").expect(200).json().path("role").asText());
            fresh.as(ServerFixture.ADMIN_TOKEN).get("/api/v1/me").expectError(401);
        }
        try (ServerFixture again = ServerFixture.start(freshDir, config -> config.secrets.adminToken = null)) {
            assertFalse(again.startupOutput().contains(token), "printed once: " + again.startupOutput());
            assertEquals("admin", again.as(token).get("/api/v1/me").expect(200).json().path("name").asText());
        }
    }

    @Test
    void adminTokenFromTheEnvironmentIsUsedAndNotWrittenDown() {
        assertFalse(Files.exists(server.dataDir.resolve(AdminBootstrap.TOKEN_FILE)));
        assertFalse(server.startupOutput().contains(ServerFixture.ADMIN_TOKEN), server.startupOutput());
        assertEquals("admin", server.admin().get("/api/v1/me").expect(200).json().path("role").asText());
    }

    /** A call made by each caller in turn; {@code i} makes names unique. */
    @FunctionalInterface
    interface Call {
        ApiResponse make(ApiClient client, int i);
    }

    /**
     * Makes the call as every caller: those below {@code least} are refused (401 anonymous, 403 with a
     * token) and those at or above it get {@code allowedStatus}.
     */
    private static void assertRoleMatrix(String least, Call call, int allowedStatus) {
        Role needed = Role.parse(least);
        int i = 0;
        for (var caller : callers.entrySet()) {
            ApiResponse answer = call.make(caller.getValue(), i++);
            String who = caller.getKey() + " (needs " + least + ")";
            if (caller.getKey().equals("anonymous")) {
                assertEquals(401, answer.status(), who + ": " + answer.text());
            } else if (Role.parse(caller.getKey()).includes(needed)) {
                assertEquals(allowedStatus, answer.status(), who + ": " + answer.text());
            } else {
                assertEquals(403, answer.status(), who + ": " + answer.text());
                assertTrue(answer.json().path("error").asText().contains(least), answer.text());
            }
        }
    }
}
