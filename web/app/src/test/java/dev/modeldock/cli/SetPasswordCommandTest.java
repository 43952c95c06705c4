package dev.modeldock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.registry.Registry;
import dev.modeldock.registry.RegistryDatabase;
import dev.modeldock.registry.Role;
import dev.modeldock.registry.SecretBox;
import dev.modeldock.registry.ServerNode;
import dev.modeldock.service.OfflineRegistry;
import dev.modeldock.service.ServiceConfig;
import dev.modeldock.service.SessionService;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code users set-password NAME}: a password from standard input, set in the server's registry. */
class SetPasswordCommandTest {
    @TempDir
    Path dataDir;

    @BeforeEach
    void registryWithAUser() {
        RegistryDatabase database = RegistryDatabase.open(RegistryDatabase.embeddedUrl(dataDir), null, null);
        try {
            new Registry(database, new SecretBox(new byte[32]), ServerNode.newId()).users().create("alice", Role.ADMIN, "test");
        } finally {
            database.close();
        }
    }

    @Test
    void thePasswordReadFromStandardInputThenSignsIn() {
        Run run = setPassword("a long enough secret\n", "alice", "--data-dir", dataDir.toString());

        assertEquals(0, run.exit, run.err);
        assertEquals("password set for alice; their sessions were ended\n", run.out);
        assertFalse(run.out.contains("secret"), "the password is never printed");
        try (OfflineRegistry registry = OfflineRegistry.open(config())) {
            assertTrue(registry.sessions().signIn("alice", "a long enough secret".toCharArray(), "127.0.0.1").id()
                    .length() > 20);
            assertThrows(SessionService.SignInRefusedException.class, () -> registry.sessions().signIn("alice",
                    "another password".toCharArray(), "127.0.0.1"));
        }
    }

    @Test
    void aTooShortPasswordIsRefusedWithTheRuleAndNothingChanges() {
        Run run = setPassword("short\n", "alice", "--data-dir", dataDir.toString());

        assertEquals(1, run.exit);
        assertEquals("error: the password is too short: use at least 10 characters\n", run.err);
        try (OfflineRegistry registry = OfflineRegistry.open(config())) {
            assertThrows(SessionService.SignInRefusedException.class, () -> registry.sessions().signIn("alice",
                    "short".toCharArray(), "127.0.0.1"));
        }
    }

    @Test
    void anUnknownUserOrAFolderWithoutARegistryIsNamed(@TempDir Path empty) {
        Run unknown = setPassword("a long enough secret\n", "bob", "--data-dir", dataDir.toString());
        assertEquals(1, unknown.exit);
        assertEquals("error: no user named 'bob'\n", unknown.err);

        Run nowhere = setPassword("a long enough secret\n", "alice", "--data-dir", empty.toString());
        assertEquals(1, nowhere.exit);
        assertTrue(nowhere.err.startsWith("error: there is no registry in " + empty.toAbsolutePath()
                + "; start the server once"), nowhere.err);
    }

    @Test
    void noLineOnStandardInputIsRefused() {
        Run run = setPassword("", "alice", "--data-dir", dataDir.toString());
        assertEquals(1, run.exit);
        assertEquals("error: no password on standard input: give it as one line\n", run.err);
    }

    private ServiceConfig config() {
        ServiceConfig config = new ServiceConfig();
        config.dataDir = dataDir;
        return config;
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run setPassword(String stdin, String... args) {
        SetPasswordCommand command = new SetPasswordCommand();
        command.console = null;
        command.standardInput = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ModelDockCommand.run(command, args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }
}
