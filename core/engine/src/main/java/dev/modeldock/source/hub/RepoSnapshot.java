package dev.modeldock.source.hub;

import java.util.List;
import java.util.Optional;

/**
 * A repository at one commit: its files as the hub lists them.
 *
 * @param repoId {@code org/name}
 * @param commit the 40-hex commit the revision resolved to
 * @param files  every file of the repository at that commit
 */
public record RepoSnapshot(String repoId, String commit, List<RepoFile> files) {
    public Optional<RepoFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }
}
