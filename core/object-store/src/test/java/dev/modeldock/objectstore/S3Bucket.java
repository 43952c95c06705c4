package dev.modeldock.objectstore;

import dev.modeldock.plugin.Sha256;
import dev.modeldock.registry.ObjectStoreArtifacts;
import dev.modeldock.registry.RegistryDatabase;
import dev.modeldock.testkit.db.TestDatabase;
import dev.modeldock.testkit.s3.S3Server;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One test's artifact store over a real S3 server: a registry database of its own (the test's H2
 * or PostgreSQL database), a key prefix of its own in the server's bucket, and a plain S3 client to look
 * at, or tamper with, what the store wrote.
 */
final class S3Bucket implements AutoCloseable {
    /** The writer these tests store as: no server row names it, so its leftovers are anyone's to sweep. */
    static final String WRITER = "writer-without-a-server";

    final S3Server server;
    final RegistryDatabase database;
    final S3Location location;
    final S3ObjectStore objects;
    final ObjectStoreArtifacts store;
    final S3Client client;

    S3Bucket(S3Server server, TestDatabase test) {
        this.server = server;
        this.database = test.isPostgres() ? RegistryDatabase.open(test.url(), test.user(), test.password())
                : RegistryDatabase.open(RegistryDatabase.embeddedUrl(test.folder()), null, null);
        this.location = S3Location.parse("s3://" + server.bucket() + "/run-" + UUID.randomUUID());
        this.objects = S3ObjectStore.open(settings(S3Server.SECRET_KEY));
        this.store = new ObjectStoreArtifacts(database, objects, WRITER);
        this.client = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        S3Server.ACCESS_KEY, S3Server.SECRET_KEY)))
                .forcePathStyle(true).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Settings for this test's prefix with {@code secretKey}. */
    S3Settings settings(String secretKey) {
        return S3Settings.resolve(location.toString(), server.endpoint().toString(), null,
                Map.of(S3Credentials.ACCESS_KEY_ENV, S3Server.ACCESS_KEY, S3Credentials.SECRET_KEY_ENV, secretKey));
    }

    /** Every key under this test's prefix, relative to it (without the folders some servers list). */
    List<String> keys() {
        String prefix = location.prefix() + "/";
        return client.listObjectsV2Paginator(b -> b.bucket(server.bucket()).prefix(prefix)).contents().stream()
                .map(S3Object::key).filter(key -> !key.endsWith("/")).map(key -> key.substring(prefix.length()))
                .toList();
    }

    /** How many multipart uploads under this test's prefix are neither completed nor aborted. */
    int unfinishedUploads() {
        return client.listMultipartUploads(b -> b.bucket(server.bucket()).prefix(location.prefix() + "/"))
                .uploads().size();
    }

    void overwrite(String key, byte[] bytes) {
        client.putObject(b -> b.bucket(server.bucket()).key(location.key(key)),
                RequestBody.fromBytes(bytes));
    }

    long rows(String query) {
        return database.jdbi().withHandle(h -> h.createQuery(query).mapTo(Long.class).one());
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        return Sha256.of(bytes);
    }

    @Override
    public void close() {
        client.close();
        objects.close();
        database.close();
    }

    /** An input that gives {@code good} bytes, then fails as a dropped connection does. */
    static InputStream failingAfter(byte[] good) {
        return new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                if (position == good.length) {
                    throw new IOException("the client went away");
                }
                return good[position++] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (position == good.length) {
                    throw new IOException("the client went away");
                }
                int n = Math.min(length, good.length - position);
                System.arraycopy(good, position, buffer, offset, n);
                position += n;
                return n;
            }
        };
    }
}
