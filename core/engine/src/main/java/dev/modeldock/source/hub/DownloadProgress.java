package dev.modeldock.source.hub;

/** Told how a download moves on, so a terminal or a job's events can show it. */
@FunctionalInterface
public interface DownloadProgress {
    DownloadProgress NONE = (path, done, total) -> { };

    /**
     * Called from the downloading thread after each chunk written, and once when the file is complete.
     *
     * @param path  the file's path in the repository
     * @param done  bytes of the file on disk so far (a resumed download starts above zero)
     * @param total the file's size
     */
    void update(String path, long done, long total);

    /**
     * Called once before the first file is fetched, when something must be: how many bytes the files
     * to fetch hold in all (the cache's files are not among them), so a listener can show one
     * progress for the whole download.
     */
    default void planned(long totalBytes) {
    }
}
