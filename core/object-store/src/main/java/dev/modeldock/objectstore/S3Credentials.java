package dev.modeldock.objectstore;

import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The access key id and secret access key the object store is signed in with. Never shown: its
 * {@link #toString()} names the access key id only, and no message of this module quotes the secret.
 */
public final class S3Credentials {
    public static final String ACCESS_KEY_ENV = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_KEY_ENV = "AWS_SECRET_ACCESS_KEY";

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final String accessKeyId;
    private final String secretAccessKey;

    public S3Credentials(String accessKeyId, String secretAccessKey) {
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new ModelDockException("object store credentials need both an access key id and a secret access"
                    + " key: set " + ACCESS_KEY_ENV + " and " + SECRET_KEY_ENV + ", or give a credentials file");
        }
        this.accessKeyId = accessKeyId.strip();
        this.secretAccessKey = secretAccessKey.strip();
    }

    /** The credentials in {@value #ACCESS_KEY_ENV} and {@value #SECRET_KEY_ENV} of {@code environment}. */
    public static S3Credentials fromEnvironment(Map<String, String> environment) {
        if (environment.get(ACCESS_KEY_ENV) == null && environment.get(SECRET_KEY_ENV) == null) {
            throw new ModelDockException("no object store credentials: set " + ACCESS_KEY_ENV + " and "
                    + SECRET_KEY_ENV + ", or give a credentials file (--artifact-store-credentials)");
        }
        return new S3Credentials(environment.get(ACCESS_KEY_ENV), environment.get(SECRET_KEY_ENV));
    }

    /**
     * The credentials in a file of {@code aws_access_key_id = ...} and {@code aws_secret_access_key = ...}
     * lines, as in AWS's credentials file ({@code [section]} lines and {@code #} comments are skipped).
     * Like the server's other secret files it must be readable by its owner only.
     *
     * @throws ModelDockException when the file is missing, readable by others or lacks a key
     */
    public static S3Credentials fromFile(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(OTHERS::contains)) {
                throw new ModelDockException("the object store credentials file " + file + " may be read by others"
                        + " than its owner: chmod 600 it");
            }
        } catch (UnsupportedOperationException notPosix) {
            // nothing to check on this file system
        } catch (IOException e) {
            throw new ModelDockException("cannot read the object store credentials file " + file + ": " + e);
        }
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String text = line.strip();
                int equals = text.indexOf('=');
                if (text.startsWith("#") || text.startsWith("[") || equals < 0) {
                    continue;
                }
                values.put(text.substring(0, equals).strip().toLowerCase(java.util.Locale.ROOT),
                        text.substring(equals + 1).strip());
            }
        } catch (IOException e) {
            throw new ModelDockException("cannot read the object store credentials file " + file + ": " + e);
        }
        if (!values.containsKey("aws_access_key_id") || !values.containsKey("aws_secret_access_key")) {
            throw new ModelDockException("the object store credentials file " + file + " needs an aws_access_key_id"
                    + " and an aws_secret_access_key line");
        }
        return new S3Credentials(values.get("aws_access_key_id"), values.get("aws_secret_access_key"));
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    /** For the client that signs requests, and nothing else. */
    public String secretAccessKey() {
        return secretAccessKey;
    }

    @Override
    public String toString() {
        return "S3Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=(hidden)]";
    }
}
