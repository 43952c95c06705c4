package dev.modeldock.source.hub;

import dev.modeldock.plugin.ModelFolder;

/** Where models named by id come from: a folder holding the files a pipeline needs, at one revision. */
public interface ModelRepository {
    /**
     * The model's files, downloaded if need be.
     *
     * @param repoId   {@code org/name}
     * @param revision a branch, tag or commit; {@code main} when null
     * @param progress told how each file's download moves on
     */
    ModelFolder fetch(String repoId, String revision, DownloadProgress progress);
}
