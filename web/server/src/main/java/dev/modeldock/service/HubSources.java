package dev.modeldock.service;

import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.source.ModelSource;
import dev.modeldock.source.hub.DownloadProgress;
import dev.modeldock.source.hub.FetchedModel;
import dev.modeldock.source.hub.HubEnvironment;
import dev.modeldock.source.hub.HubRepository;
import dev.modeldock.source.hub.ModelRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * A conversion's source as the server finds it: a folder, or a hub id answered from the cache while
 * the request is checked (no request to the hub in the request's thread), else downloaded by the job
 * into {@code cache_dir} in the hub's layout. Either way it must lie in a {@link SourceRoots source root}.
 */
final class HubSources {
    /**
     * What a request's source names: a confined folder, or a hub id the job must download first.
     *
     * @param found    the folder, confined to the roots; null when the job must download it
     * @param repoId   the hub id to download, when {@code found} is null
     * @param revision its revision, null for {@code main}
     */
    record Lookup(ModelSource found, String repoId, String revision) {
        /** The id preconfigured models are looked up by. */
        String hubId() {
            return found != null ? found.hubId() : repoId;
        }
    }

    private final Settings settings;
    private final HubEnvironment env;
    private final SourceRoots roots;

    HubSources(Settings settings, HubEnvironment env, SourceRoots roots) {
        this.settings = settings;
        this.env = env;
        this.roots = roots;
    }

    /**
     * Finds the source without downloading it.
     *
     * @param revision the request's {@code revision}, which a hub id may carry after {@code @} instead
     * @throws ModelDockException for a revision given twice or for a folder, a source outside the
     *                            roots, and a model the cache lacks when the server is offline
     */
    Lookup find(String source, String revision) {
        String name = source;
        if (revision != null) {
            if (isFolder(source)) {
                throw new ModelDockException("'revision' is for hub ids, but 'source' " + source + " is a folder on"
                        + " the server; omit 'revision'");
            }
            if (source.contains("@")) {
                throw new ModelDockException("the revision is given twice: 'source' " + source + " names one after"
                        + " '@' and 'revision' names '" + revision + "'; give it in one of them");
            }
            name = source + "@" + revision;
        }
        CacheOnly cache = new CacheOnly();
        ModelSource resolved = ModelSource.resolve(name, settings, cache, DownloadProgress.NONE);
        if (cache.missing) {
            return new Lookup(null, cache.repoId, cache.revision);
        }
        return new Lookup(cache.asked ? roots.confineSnapshot(source, resolved) : roots.confine(source, resolved),
                null, null);
    }

    /**
     * Downloads the model (what the cache holds already is not fetched again), reporting each file
     * to the job within the first {@code share} of its progress, and confines its snapshot.
     *
     * @throws ModelDockException when the hub refuses or fails, or the cache is not a source root
     */
    ModelSource download(String repoId, String revision, JobContext context, double share) {
        Path cache = cacheFolder();
        if (!roots.contains(cache)) {
            throw new ModelDockException("this server downloads hub models into its cache " + cache + ", which is"
                    + " not among the folders it converts from (" + String.join(", ", roots.roots().stream()
                    .map(Path::toString).toList()) + "); start it with --source-root for the cache folder as well");
        }
        FetchedModel fetched = HubRepository.of(settings, env).fetch(repoId, revision, new DownloadReport(context, share));
        return roots.confineSnapshot(revision == null ? repoId : repoId + "@" + revision,
                new ModelSource(fetched.folder(), repoId, fetched.ignoredMismatches()));
    }

    private Path cacheFolder() {
        try {
            return Files.createDirectories(settings.cacheDir()).toRealPath();
        } catch (IOException e) {
            throw new ModelDockException("cannot make the model cache " + settings.cacheDir() + ": " + e.getMessage());
        }
    }

    private static boolean isFolder(String source) {
        try {
            return Files.isDirectory(Path.of(source));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /**
     * Stands in for the hub while a request is checked: answers a hub id from the cache alone, and
     * notes one the job must download instead (or, on a server that is offline, refuses it).
     */
    private final class CacheOnly implements ModelRepository {
        boolean asked;
        boolean missing;
        String repoId;
        String revision;

        @Override
        public FetchedModel fetch(String repoId, String revision, DownloadProgress progress) {
            this.asked = true;
            this.repoId = repoId;
            this.revision = revision;
            if (settings.forceDownload() && !env.offline()) {
                return notCached(repoId);
            }
            HubEnvironment noRequests = new HubEnvironment(env.endpoint(), env.token(), true, env.stallTimeout());
            try {
                return HubRepository.of(settings, noRequests).fetch(repoId, revision, progress);
            } catch (ModelDockException e) {
                if (env.offline()) {
                    throw new ModelDockException("this server runs offline (HF_HUB_OFFLINE), so it converts only"
                            + " models in its cache: " + e.getMessage());
                }
                return notCached(repoId);
            }
        }

        /** A folder that is never read: the job downloads the model. */
        private FetchedModel notCached(String repoId) {
            missing = true;
            return new FetchedModel(new ModelFolder(repoId, settings.cacheDir()), List.of());
        }
    }
}
