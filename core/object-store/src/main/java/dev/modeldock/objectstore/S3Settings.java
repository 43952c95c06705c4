package dev.modeldock.objectstore;

import dev.modeldock.plugin.ModelDockException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * How to reach an object store: where the artifacts go, the endpoint of an S3-compatible server
 * (null for AWS's own, found from the region), the region, and the credentials.
 *
 * @param location    {@code s3://bucket/prefix}
 * @param endpoint    e.g. {@code http://minio.internal:9000}; null for AWS S3
 * @param region      the signing region, {@value #DEFAULT_REGION} unless told
 * @param credentials never shown by {@link #toString()}
 */
public record S3Settings(S3Location location, URI endpoint, String region, S3Credentials credentials) {
    public static final String ENDPOINT_ENV = "MODELDOCK_S3_ENDPOINT";
    public static final String REGION_ENV = "AWS_REGION";
    public static final String DEFAULT_REGION = "us-east-1";

    /**
     * The settings for {@code location} from options and the environment: the endpoint option, else
     * {@value #ENDPOINT_ENV}; the region from {@value #REGION_ENV}; the credentials from
     * {@code credentialsFile} when given, else {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}.
     *
     * @param endpoint        null to take the environment's
     * @param credentialsFile null to take the environment's
     */
    public static S3Settings resolve(String location, String endpoint, Path credentialsFile,
            Map<String, String> environment) {
        S3Location where = S3Location.parse(location);
        String endpointText = endpoint != null ? endpoint : environment.get(ENDPOINT_ENV);
        URI uri = null;
        if (endpointText != null && !endpointText.isBlank()) {
            uri = URI.create(endpointText.strip());
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new ModelDockException("the object store endpoint '" + endpointText + "' is not an http:// or"
                        + " https:// address with a host (" + ENDPOINT_ENV + " or --artifact-store-endpoint)");
            }
        }
        String region = environment.getOrDefault(REGION_ENV, DEFAULT_REGION);
        S3Credentials credentials = credentialsFile != null ? S3Credentials.fromFile(credentialsFile)
                : S3Credentials.fromEnvironment(environment);
        return new S3Settings(where, uri, region.isBlank() ? DEFAULT_REGION : region.strip(), credentials);
    }

    /** The endpoint as messages name it. */
    public String endpointName() {
        return endpoint == null ? "AWS S3 in " + region : endpoint.toString();
    }

    @Override
    public String toString() {
        return "S3Settings[location=" + location + ", endpoint=" + endpointName() + ", accessKeyId="
                + credentials.accessKeyId() + "]";
    }
}
