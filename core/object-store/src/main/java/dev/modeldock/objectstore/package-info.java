/**
 * Artifact bytes in an S3-compatible object store: {@link dev.modeldock.objectstore.S3ObjectStore}
 * is the registry's {@link dev.modeldock.registry.ObjectStore} over a bucket and key prefix
 * ({@link dev.modeldock.objectstore.S3Location}, {@code s3://bucket/prefix}), reached with the
 * endpoint, region and credentials of {@link dev.modeldock.objectstore.S3Settings}. Objects are named
 * {@code <prefix>/sha256/<sha256>}; uploads go to {@code <prefix>/staging/<id>} first.
 *
 * <p>Through the AWS SDK for Java v2 with the JDK's HTTP client and path-style addressing, so that
 * S3-compatible servers (MinIO, Ceph, S3Proxy) work as S3 does. Only the server and the command line
 * use this module; the registry knows its {@code ObjectStore} interface only.
 */
package dev.modeldock.objectstore;
