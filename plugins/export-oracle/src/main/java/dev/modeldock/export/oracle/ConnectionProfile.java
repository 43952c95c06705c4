package dev.modeldock.export.oracle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where and as whom to connect, read from a JSON file such as
 * {@code {"url": "jdbc:oracle:thin:@//db:1521/FREEPDB1", "user": "SCOTT", "password_env": "ORACLE_PASSWORD"}}.
 * The password itself never sits in the profile: it comes from an environment variable
 * ({@code password_env}) or a secret file ({@code password_file}), and no message or log shows it.
 * The URL must be one {@link OracleUrl} accepts; it is checked as the profile is read, before any
 * driver sees it.
 */
final class ConnectionProfile {
    private static final Set<String> KEYS = Set.of("url", "user", "password_env", "password_file");

    private final String url;
    private final String user;
    private final String passwordEnv;
    private final Path passwordFile;
    private final String password;

    private ConnectionProfile(String url, String user, String passwordEnv, Path passwordFile, String password) {
        this.url = url;
        this.user = user;
        this.passwordEnv = passwordEnv;
        this.passwordFile = passwordFile;
        this.password = password;
    }

    /**
     * A profile given inline as target settings ({@code url}, {@code user}, and one of
     * {@code password}, {@code password_env}, {@code password_file}): how a registry server, which
     * keeps the password encrypted, hands it over.
     */
    static ConnectionProfile fromSettings(Map<String, String> settings) {
        String url = settings.getOrDefault("url", "");
        String user = settings.getOrDefault("user", "");
        if (!url.startsWith("jdbc:")) {
            throw new ModelDockException("the oracle target needs a JDBC 'url', e.g. jdbc:oracle:thin:@//host:1521/service,"
                    + " or a connection 'profile' file");
        }
        OracleUrl.check(url);
        if (user.isBlank()) {
            throw new ModelDockException("the oracle target needs a 'user'");
        }
        long sources = Stream.of("password", "password_env", "password_file").filter(settings::containsKey).count();
        if (sources != 1) {
            throw new ModelDockException("the oracle target needs exactly one of 'password', 'password_env' or"
                    + " 'password_file'");
        }
        String file = settings.get("password_file");
        return new ConnectionProfile(url, user, settings.get("password_env"),
                file == null ? null : Path.of(file).toAbsolutePath(), settings.get("password"));
    }

    static ConnectionProfile read(Path file) {
        JsonNode json;
        try {
            json = OracleExportTarget.JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            // Jackson's message quotes what it read, and the file named may be another's secret: only where.
            JsonLocation at = e.getLocation();
            throw new ModelDockException("connection profile " + file + " is not valid JSON" + (at == null ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + "; a profile is one JSON"
                    + " object such as {\"url\": \"jdbc:oracle:thin:@//host:1521/service\", \"user\": \"SCOTT\","
                    + " \"password_env\": \"ORACLE_PASSWORD\"}");
        } catch (IOException e) {
            throw new ModelDockException("cannot read connection profile " + file + ": " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw new ModelDockException("connection profile " + file + " must be a JSON object with url and user");
        }
        json.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw new ModelDockException("connection profile " + file + " has unknown key '" + key + "'; keys: url,"
                        + " user, password_env, password_file (a password itself never goes in the profile)");
            }
        });
        String url = json.path("url").asText("");
        String user = json.path("user").asText("");
        if (!url.startsWith("jdbc:")) {
            throw new ModelDockException("connection profile " + file + " needs a JDBC \"url\", e.g."
                    + " jdbc:oracle:thin:@//host:1521/service");
        }
        try {
            OracleUrl.check(url);
        } catch (ModelDockException e) {
            throw new ModelDockException("connection profile " + file + ": " + e.getMessage());
        }
        if (user.isBlank()) {
            throw new ModelDockException("connection profile " + file + " needs a \"user\"");
        }
        boolean env = json.hasNonNull("password_env");
        boolean secretFile = json.hasNonNull("password_file");
        if (env == secretFile) {
            throw new ModelDockException("connection profile " + file + " needs exactly one of password_env (an"
                    + " environment variable's name) or password_file (a file holding the password)");
        }
        Path passwordFile = secretFile ? file.toAbsolutePath().getParent().resolve(json.get("password_file").asText())
                : null;
        return new ConnectionProfile(url, user, env ? json.get("password_env").asText() : null, passwordFile, null);
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    /** The password, from its variable or file; the error names where it looked, never a value. */
    char[] password() {
        if (password != null) {
            return password.toCharArray();
        }
        if (passwordEnv != null) {
            String value = System.getenv(passwordEnv);
            if (value == null || value.isEmpty()) {
                throw new ModelDockException("environment variable " + passwordEnv + " (password_env of the connection"
                        + " profile) is not set");
            }
            return value.toCharArray();
        }
        try {
            String value = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new ModelDockException("password file " + passwordFile + " is empty");
            }
            return value.toCharArray();
        } catch (IOException e) {
            throw new ModelDockException("cannot read password file " + passwordFile + " (password_file of the"
                    + " connection profile)");
        }
    }

    /** Says where the password comes from, never what it is. */
    @Override
    public String toString() {
        String source = password != null ? "the target's stored secret" : passwordEnv != null ? "$" + passwordEnv
                : passwordFile.toString();
        return user + "@" + url + " (password from " + source + ")";
    }
}
