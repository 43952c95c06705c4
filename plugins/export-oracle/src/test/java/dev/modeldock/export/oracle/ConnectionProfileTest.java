package dev.modeldock.export.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection profiles: where the password comes from, and that it never shows. */
class ConnectionProfileTest {
    private static final String URL = "jdbc:oracle:thin:@//db.example:1521/FREEPDB1";

    @TempDir
    Path dir;

    @Test
    void passwordComesFromASecretFileBesideTheProfile() throws Exception {
        Files.writeString(dir.resolve("secret"), "s3cr3t-value\n");
        ConnectionProfile profile = ConnectionProfile.read(write("{\"url\": \"" + URL + "\", \"user\": \"SCOTT\","
                + " \"password_file\": \"secret\"}"));
        assertArrayEquals("s3cr3t-value".toCharArray(), profile.password());
        assertFalse(profile.toString().contains("s3cr3t-value"), profile.toString());
        assertTrue(profile.toString().contains("SCOTT@" + URL), profile.toString());
    }

    @Test
    void anUnsetPasswordVariableIsNamedNotGuessed() throws Exception {
        String variable = "MODELDOCK_TEST_UNSET_" + UUID.randomUUID().toString().replace('-', '_');
        ConnectionProfile profile = ConnectionProfile.read(write("{\"url\": \"" + URL + "\", \"user\": \"SCOTT\","
                + " \"password_env\": \"" + variable + "\"}"));
        ModelDockException e = assertThrows(ModelDockException.class, profile::password);
        assertTrue(e.getMessage().contains("environment variable " + variable + " "), e.getMessage());
        assertTrue(profile.toString().contains("$" + variable), profile.toString());
    }

    @Test
    void aPasswordFromThePathVariableIsRead() throws Exception {
        // PATH is set in every environment this runs in; reading it proves the variable route works.
        ConnectionProfile profile = ConnectionProfile.read(write("{\"url\": \"" + URL + "\", \"user\": \"SCOTT\","
                + " \"password_env\": \"PATH\"}"));
        assertArrayEquals(System.getenv("PATH").toCharArray(), profile.password());
    }

    @Test
    void incompleteProfilesAreRefusedWithTheMissingPart() throws Exception {
        assertRefused("{\"user\": \"SCOTT\", \"password_env\": \"X\"}", "needs a JDBC \"url\"");
        assertRefused("{\"url\": \"" + URL + "\", \"password_env\": \"X\"}", "needs a \"user\"");
        assertRefused("{\"url\": \"" + URL + "\", \"user\": \"SCOTT\"}", "exactly one of password_env");
        assertRefused("{\"url\": \"" + URL + "\", \"user\": \"SCOTT\", \"password_env\": \"X\", \"password_file\": \"f\"}",
                "exactly one of password_env");
        assertRefused("[1, 2]", "must be a JSON object");
        assertRefused("{\"url\": ", "is not valid JSON");
    }

    @Test
    void aFileThatIsNotAProfileIsNamedWithWhereItFailsButNeverQuoted() throws Exception {
        // A profile setting naming some other file on the server, such as its secret key, must not echo it.
        String secret = "c2VjcmV0LWtleS1ieXRlcwSECRET";
        for (String content : List.of(secret + "\n", "{\"url\": " + secret + "}", "{\"" + secret + "\": 1 2}",
                "[\"" + secret + "\"")) {
            ModelDockException e = assertThrows(ModelDockException.class, () -> ConnectionProfile.read(write(content)));
            assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
            assertTrue(e.getMessage().contains("connection profile " + dir.resolve("profile.json")), e.getMessage());
            assertTrue(e.getMessage().contains("line 1, column "), e.getMessage());
            assertTrue(e.getCause() == null || !String.valueOf(e.getCause().getMessage()).contains("SECRET"));
        }
    }

    @Test
    void anEmptyOrMissingSecretFileIsNamed() throws Exception {
        Files.writeString(dir.resolve("empty"), "\n");
        ConnectionProfile empty = ConnectionProfile.read(write("{\"url\": \"" + URL + "\", \"user\": \"S\","
                + " \"password_file\": \"empty\"}"));
        assertTrue(assertThrows(ModelDockException.class, empty::password).getMessage().contains("is empty"));
        ConnectionProfile missing = ConnectionProfile.read(write("{\"url\": \"" + URL + "\", \"user\": \"S\","
                + " \"password_file\": \"absent\"}"));
        assertTrue(assertThrows(ModelDockException.class, missing::password).getMessage()
                .contains("cannot read password file"));
    }

    private void assertRefused(String json, String expected) throws Exception {
        ModelDockException e = assertThrows(ModelDockException.class, () -> ConnectionProfile.read(write(json)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private Path write(String json) throws Exception {
        return Files.writeString(dir.resolve("profile.json"), json);
    }
}
