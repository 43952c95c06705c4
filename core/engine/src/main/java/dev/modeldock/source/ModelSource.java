package dev.modeldock.source;

import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.source.hub.DownloadProgress;
import dev.modeldock.source.hub.FetchedModel;
import dev.modeldock.source.hub.ModelRepository;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a model named by the user lives: a folder given by path, a hub id ({@code org/name}) found in
 * the cache as {@code cache_dir/org/name}, or a hub id fetched through a {@link ModelRepository} into
 * the hub-layout cache.
 *
 * @param hubId              the hub id the model answers to: the id given, or a folder path's last two
 *                           parts (so {@code /models/BAAI/bge-small-en-v1.5} is recognised as preconfigured)
 * @param checksumMismatches pinned files that differ and that {@code ignore_checksum_error} let through;
 *                           the version's provenance keeps them
 */
public record ModelSource(ModelFolder folder, String hubId, List<ChecksumMismatch> checksumMismatches) {
    /** {@code org/name}, optionally {@code @revision} (a branch, tag or commit). */
    private static final Pattern HUB_ID = Pattern.compile(
            "([A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*)(?:@([A-Za-z0-9][A-Za-z0-9._/-]*))?");
    /** Hugging Face's cache keeps each downloaded revision under {@code snapshots/<commit>/}. */
    private static final Pattern SNAPSHOT = Pattern.compile("(?:^|/)snapshots/([0-9a-f]{40})(?:/|$)");

    public ModelSource {
        checksumMismatches = List.copyOf(checksumMismatches);
    }

    /** A model whose files were not held to any checksum. */
    public ModelSource(ModelFolder folder, String hubId) {
        this(folder, hubId, List.of());
    }

    /** A folder, or a hub id found as {@code cache_dir/org/name}; the hub is not asked (see the overload that asks it). */
    public static ModelSource resolve(String modelName, Settings settings) {
        return resolve(modelName, settings, null, DownloadProgress.NONE);
    }

    /**
     * A folder, a hub id found as {@code cache_dir/org/name}, or else a hub id ({@code org/name} or
     * {@code org/name@revision}) fetched through {@code hub}, whose snapshot folder then names its commit.
     *
     * @param hub      where hub ids come from; null to refuse a hub id that is not in the cache
     * @param progress told how the download moves on
     */
    public static ModelSource resolve(String modelName, Settings settings, ModelRepository hub,
            DownloadProgress progress) {
        if (modelName == null || modelName.isBlank()) {
            throw new ModelDockException("no model given: name a folder in hub layout or a hub id such as"
                    + " sentence-transformers/all-MiniLM-L6-v2");
        }
        Path path;
        try {
            path = Path.of(modelName);
        } catch (InvalidPathException e) {
            throw new ModelDockException("model name '" + modelName + "' is neither a folder nor a hub id");
        }
        if (Files.isDirectory(path)) {
            Path absolute = path.toAbsolutePath().normalize();
            int parts = absolute.getNameCount();
            String hubId = parts >= 2 ? absolute.getName(parts - 2) + "/" + absolute.getName(parts - 1)
                    : absolute.getFileName().toString();
            return new ModelSource(new ModelFolder(modelName, absolute), hubId);
        }
        Matcher id = HUB_ID.matcher(modelName);
        if (!id.matches() || id.group(1).contains("..") || (id.group(2) != null && id.group(2).contains(".."))) {
            throw new ModelDockException("model '" + modelName + "' is not a folder, and not a hub id of the form"
                    + " organisation/name[@revision]");
        }
        String repoId = id.group(1);
        String revision = id.group(2);
        Path cached = settings.cacheDir().resolve(repoId);
        if (hub != null && (revision != null || !Files.isDirectory(cached))) {
            FetchedModel fetched = hub.fetch(repoId, revision, progress);
            return new ModelSource(fetched.folder(), repoId, fetched.ignoredMismatches());
        }
        if (revision != null || !Files.isDirectory(cached)) {
            throw new ModelDockException("model '" + modelName + "' is not in the cache (" + cached + ");"
                    + " downloading from the hub is not available yet, so place the model's files there or name"
                    + " its folder");
        }
        return new ModelSource(new ModelFolder(repoId, cached), repoId);
    }

    /**
     * The hub revision (commit) of the model's files when the folder is a snapshot in Hugging Face's
     * cache ({@code .../snapshots/<commit>/}); null for any other folder, whose revision nobody knows.
     */
    public String revision() {
        Matcher m = SNAPSHOT.matcher(folder.root().toString().replace('\\', '/'));
        return m.find() ? m.group(1) : null;
    }
}
