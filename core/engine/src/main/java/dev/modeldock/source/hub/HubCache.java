package dev.modeldock.source.hub;

import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hub's cache layout, as {@code huggingface_hub} writes it, so either tool reuses what the other
 * downloaded: {@code models--org--name/blobs/<etag>} holds each file's bytes once,
 * {@code snapshots/<commit>/<path>} links to them (relative symbolic links; copies where the file
 * system has none), {@code refs/<revision>} holds the commit a branch or tag was last seen at, and
 * {@code .locks/models--org--name/<etag>.lock} guards a blob while it is written.
 */
public final class HubCache {
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    private final Path root;

    public HubCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path repoFolder(String repoId) {
        return root.resolve("models--" + repoId.replace("/", "--"));
    }

    public Path blob(String repoId, String etag) {
        return repoFolder(repoId).resolve("blobs").resolve(etag);
    }

    public Path snapshot(String repoId, String commit) {
        return repoFolder(repoId).resolve("snapshots").resolve(commit);
    }

    Path lock(String repoId, String etag) {
        return root.resolve(".locks").resolve(repoFolder(repoId).getFileName()).resolve(etag + ".lock");
    }

    /** The commit a revision names: the revision itself when it is a commit, else what its ref file holds. */
    public Optional<String> commit(String repoId, String revision) {
        if (COMMIT.matcher(revision).matches()) {
            return Optional.of(revision);
        }
        Path ref = repoFolder(repoId).resolve("refs").resolve(revision);
        try {
            return Files.isRegularFile(ref) ? Optional.of(Files.readString(ref).strip()).filter(c -> !c.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            throw new ModelDockException("cannot read " + ref + ": " + e.getMessage());
        }
    }

    /** Records that a branch or tag pointed at the commit (a commit needs no ref, as huggingface_hub does it). */
    public void writeRef(String repoId, String revision, String commit) throws IOException {
        if (revision.equals(commit)) {
            return;
        }
        Path ref = repoFolder(repoId).resolve("refs").resolve(revision);
        Files.createDirectories(ref.getParent());
        Path temporary = Files.createTempFile(ref.getParent(), ".ref", ".tmp");
        Files.writeString(temporary, commit);
        Files.move(temporary, ref, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Makes {@code snapshots/<commit>/<path>} point at the blob. */
    public void link(String repoId, String commit, String path, String etag) throws IOException {
        Path file = snapshot(repoId, commit).resolve(path);
        Path blob = blob(repoId, etag);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try {
            Files.createSymbolicLink(file, file.getParent().relativize(blob));
        } catch (UnsupportedOperationException | IOException e) {
            // no symbolic links here (Windows without the privilege): huggingface_hub copies too
            Files.copy(blob, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
