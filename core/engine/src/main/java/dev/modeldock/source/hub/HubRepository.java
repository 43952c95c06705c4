package dev.modeldock.source.hub;

import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Models from the Hugging Face hub (or the mirror {@code HF_ENDPOINT} names), kept in {@code cache_dir}
 * in the hub's layout. A revision whose snapshot the cache already holds is used without any request
 * (unless {@code force_download}); with {@code HF_HUB_OFFLINE=1} the cache is all there is.
 */
public final class HubRepository implements ModelRepository {
    private final HubCache cache;
    private final HubEnvironment env;
    private final boolean forceDownload;
    private final HubApi api;
    private final BlobDownload blobs;

    public HubRepository(Path cacheDir, HubEnvironment env, boolean forceDownload) {
        this.cache = new HubCache(cacheDir);
        this.env = env;
        this.forceDownload = forceDownload;
        this.api = new HubApi(env);
        this.blobs = new BlobDownload(cache, api);
    }

    /** The repository the settings' {@code cache_dir} and {@code force_download} describe. */
    public static HubRepository of(Settings settings, HubEnvironment env) {
        return new HubRepository(settings.cacheDir(), env, settings.forceDownload());
    }

    @Override
    public ModelFolder fetch(String repoId, String revision, DownloadProgress progress) {
        String wanted = revision == null || revision.isBlank() ? "main" : revision;
        Optional<Path> cached = cache.commit(repoId, wanted).map(c -> cache.snapshot(repoId, c));
        if (env.offline() || (!forceDownload && cached.isPresent() && PipelineFiles.missingFrom(cached.get()).isEmpty())) {
            return new ModelFolder(repoId, cached.filter(s -> PipelineFiles.missingFrom(s).isEmpty())
                    .orElseThrow(() -> offlineMiss(repoId, wanted, cached)));
        }
        RepoSnapshot snapshot = api.snapshot(repoId, wanted);
        try {
            for (RepoFile file : PipelineFiles.select(snapshot)) {
                blobs.fetch(snapshot, file, forceDownload, progress);
                cache.link(repoId, snapshot.commit(), file.path(), file.etag());
            }
            cache.writeRef(repoId, wanted, snapshot.commit());
        } catch (IOException e) {
            throw new ModelDockException("cannot write the cache " + cache.repoFolder(repoId) + ": " + e.getMessage());
        }
        return new ModelFolder(repoId, cache.snapshot(repoId, snapshot.commit()));
    }

    private ModelDockException offlineMiss(String repoId, String revision, Optional<Path> snapshot) {
        String lacking = snapshot.map(s -> "its snapshot " + s + " lacks " + String.join(", ", PipelineFiles.missingFrom(s)))
                .orElse("it has no revision '" + revision + "' (no " + cache.repoFolder(repoId).resolve("refs")
                        .resolve(revision) + ")");
        return new ModelDockException("HF_HUB_OFFLINE is set, so model " + repoId + " must come from the cache "
                + cache.root() + ", but " + lacking + "; run once without HF_HUB_OFFLINE to download it");
    }
}
