/**
 * Implementation details of the S3 object store: multipart uploads in bounded parts, copies inside
 * the store, the translation of S3's errors into messages that say what to do.
 *
 * <p>Internal: not API, may change in any release; use {@link dev.modeldock.objectstore} instead.
 */
package dev.modeldock.objectstore.internal;
