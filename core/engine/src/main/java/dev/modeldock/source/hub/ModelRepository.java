package dev.modeldock.source.hub;

/** Where models named by id come from: a folder holding the files a pipeline needs, at one revision. */
public interface ModelRepository {
    /**
     * The model's files, downloaded if need be, and held to the checksums pinned for them.
     *
     * @param repoId   {@code org/name}
     * @param revision a branch, tag or commit; {@code main} when null
     * @param progress told how each file's download moves on
     * @throws dev.modeldock.plugin.ModelDockException naming what is wrong: the hub's refusal, a corrupt
     *         download, or a file whose checksum is not the pinned one (unless {@code ignore_checksum_error})
     */
    FetchedModel fetch(String repoId, String revision, DownloadProgress progress);
}
