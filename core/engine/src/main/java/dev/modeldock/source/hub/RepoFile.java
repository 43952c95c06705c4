package dev.modeldock.source.hub;

/**
 * One file of a repository at a commit, as the hub lists it.
 *
 * @param path   the path in the repository ({@code onnx/model.onnx})
 * @param size   its size in bytes
 * @param blobId git's blob id (SHA-1), of the LFS pointer for LFS files
 * @param sha256 the SHA-256 of an LFS file's content; null for a file kept in git
 */
public record RepoFile(String path, long size, String blobId, String sha256) {
    /** The name of the file's blob in the cache: the hub's ETag, the SHA-256 for LFS files. */
    public String etag() {
        return sha256 != null ? sha256 : blobId;
    }

    public boolean isLfs() {
        return sha256 != null;
    }
}
