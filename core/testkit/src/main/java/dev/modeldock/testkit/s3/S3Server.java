package dev.modeldock.testkit.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * S3Proxy serving a folder (a temporary one unless the caller names one) through the S3 API
 * (jclouds' filesystem backend) on a random port of the loopback address, with AWS signature checks
 * on: a client with other credentials is refused as S3 refuses it. Runs in the test JVM, whose Javalin it does not disturb: S3Proxy ships
 * its own Jetty shaded. {@link #close()} stops it and removes the folder.
 */
public final class S3Server implements AutoCloseable {
    /** The access key the server accepts. */
    public static final String ACCESS_KEY = "modeldock-test-access";
    /** The secret key the server accepts; tests check that it never appears in a message. */
    public static final String SECRET_KEY = "modeldock-test-secret-6f1d2c";

    private static final long START_MILLIS = 30_000;

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final Path folder;
    private final String bucket;

    private S3Server(S3Proxy proxy, BlobStoreContext context, Path folder, String bucket) {
        this.proxy = proxy;
        this.context = context;
        this.folder = folder;
        this.bucket = bucket;
    }

    /** Starts a server with the empty bucket {@code bucket}, and returns once it listens. */
    public static S3Server start(String bucket) {
        try {
            return start(bucket, Files.createTempDirectory("modeldock-s3-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make S3Proxy's folder", e);
        }
    }

    /**
     * Starts a server with the empty bucket {@code bucket} over {@code folder}, which it takes over
     * (and {@link #close()} removes), on a disk the caller chose: a benchmark keeps its objects on the
     * disk it compares with {@code cp}.
     */
    public static S3Server start(String bucket, Path folder) {
        try {
            Files.createDirectories(folder);
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", folder.toString());
            BlobStoreContext context = ContextBuilder.newBuilder("filesystem").credentials("local", "local")
                    .overrides(properties).build(BlobStoreContext.class);
            context.getBlobStore().createContainerInLocation(null, bucket);
            S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
            proxy.start();
            long deadline = System.currentTimeMillis() + START_MILLIS;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within " + START_MILLIS + " ms: "
                            + proxy.getState());
                }
                Thread.sleep(10);
            }
            return new S3Server(proxy, context, folder, bucket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make S3Proxy's folder", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy: " + e, e);
        }
    }

    /** Where clients reach it, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public String bucket() {
        return bucket;
    }

    /** The folder the bucket's objects are files in. */
    public Path folder() {
        return folder;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop S3Proxy", e);
        } finally {
            context.close();
            removeFolder();
        }
    }

    private void removeFolder() {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove S3Proxy's folder " + folder, e);
        }
    }
}
