package dev.modeldock.source.hub;

import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.source.ChecksumMismatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Models from the Hugging Face hub (or the mirror {@code HF_ENDPOINT} names), kept in {@code cache_dir}
 * in the hub's layout. A revision whose snapshot the cache already holds is used without any request
 * (unless {@code force_download}); with {@code HF_HUB_OFFLINE=1} the cache is all there is. A
 * preconfigured model's files are held to the checksums pinned for them ({@link ChecksumPins}),
 * whether they were downloaded or found in the cache.
 */
public final class HubRepository implements ModelRepository {
    private static final Logger LOG = LoggerFactory.getLogger(HubRepository.class);
    private static final Pattern REPO_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9][A-Za-z0-9._-]*)*");

    private final HubCache cache;
    private final HubEnvironment env;
    private final boolean forceDownload;
    private final boolean ignoreChecksumError;
    private final HubApi api;
    private final BlobDownload blobs;

    /**
     * @param forceDownload       fetch every file again even when the cache has it
     * @param ignoreChecksumError let a preconfigured model's files that are not the pinned ones through,
     *                            as warnings, instead of refusing them
     */
    public HubRepository(Path cacheDir, HubEnvironment env, boolean forceDownload, boolean ignoreChecksumError) {
        this.cache = new HubCache(cacheDir);
        this.env = env;
        this.forceDownload = forceDownload;
        this.ignoreChecksumError = ignoreChecksumError;
        this.api = new HubApi(env);
        this.blobs = new BlobDownload(cache, api);
    }

    /** The repository the settings' {@code cache_dir}, {@code force_download} and {@code ignore_checksum_error} describe. */
    public static HubRepository of(Settings settings, HubEnvironment env) {
        return new HubRepository(settings.cacheDir(), env, settings.forceDownload(), settings.ignoreChecksumError());
    }

    @Override
    public FetchedModel fetch(String repoId, String revision, DownloadProgress progress) {
        String wanted = revision == null || revision.isBlank() ? "main" : revision;
        // both name paths in the cache (models--org--name/, refs/<revision>): nothing may lead out of it
        if (!REPO_ID.matcher(repoId).matches() || repoId.contains("..")) {
            throw new ModelDockException("'" + repoId + "' is not a hub id: give organisation/name (letters, digits,"
                    + " '.', '_', '-')");
        }
        if (!REVISION.matcher(wanted).matches() || wanted.contains("..")) {
            throw new ModelDockException("revision '" + wanted + "' of " + repoId + " is not a branch, tag or commit"
                    + " name: letters, digits, '.', '_', '-', parts separated by '/', no '..'");
        }
        Optional<Path> cached = cache.commit(repoId, wanted).map(c -> cache.snapshot(repoId, c));
        Optional<Path> complete = cached.filter(s -> PipelineFiles.missingFrom(s).isEmpty());
        try {
            if (env.offline() || (!forceDownload && complete.isPresent())) {
                Path snapshot = complete.orElseThrow(() -> offlineMiss(repoId, wanted, cached));
                return checked(repoId, snapshot.getFileName().toString(), snapshot, List.of());
            }
            RepoSnapshot listing = api.snapshot(repoId, wanted);
            List<RepoFile> files = PipelineFiles.select(listing);
            long toFetch = files.stream().filter(f -> forceDownload || !Files.isRegularFile(cache.blob(repoId, f.etag())))
                    .mapToLong(f -> Math.max(0, f.size())).sum();
            if (toFetch > 0) {
                progress.planned(toFetch);
            }
            for (RepoFile file : files) {
                blobs.fetch(listing, file, forceDownload, progress);
                cache.link(repoId, listing.commit(), file.path(), file.etag());
            }
            FetchedModel fetched = checked(repoId, listing.commit(), cache.snapshot(repoId, listing.commit()), files);
            // only now: a refused snapshot leaves the revision where it was last seen good
            cache.writeRef(repoId, wanted, listing.commit());
            return fetched;
        } catch (IOException e) {
            throw new ModelDockException("cannot use the cache " + cache.repoFolder(repoId) + ": " + e.getMessage());
        }
    }

    /**
     * Holds a preconfigured model's snapshot to its pinned checksums; the first verified download of
     * one that has none pins {@code downloaded}.
     */
    private FetchedModel checked(String repoId, String commit, Path snapshot, List<RepoFile> downloaded)
            throws IOException {
        ModelFolder folder = new ModelFolder(repoId, snapshot);
        Optional<ChecksumPins> pins = ChecksumPins.of(cache, repoId);
        if (pins.isEmpty()) {
            return new FetchedModel(folder, List.of());
        }
        if (!pins.get().pinned()) {
            if (!downloaded.isEmpty()) {
                pins.get().recordFirst(commit, snapshot, downloaded);
            }
            return new FetchedModel(folder, List.of());
        }
        List<ChecksumMismatch> mismatches = pins.get().mismatches(snapshot);
        if (!mismatches.isEmpty() && !ignoreChecksumError) {
            throw pins.get().refusal(commit, mismatches);
        }
        mismatches.forEach(m -> LOG.warn("checksum mismatch ignored (ignore_checksum_error) for {}: {}", repoId,
                m.describe()));
        return new FetchedModel(folder, mismatches);
    }

    private ModelDockException offlineMiss(String repoId, String revision, Optional<Path> snapshot) {
        String lacking = snapshot.map(s -> "its snapshot " + s + " lacks " + String.join(", ", PipelineFiles.missingFrom(s)))
                .orElse("it has no revision '" + revision + "' (no " + cache.repoFolder(repoId).resolve("refs")
                        .resolve(revision) + ")");
        return new ModelDockException("HF_HUB_OFFLINE is set, so model " + repoId + " must come from the cache "
                + cache.root() + ", but " + lacking + "; run once without HF_HUB_OFFLINE to download it");
    }
}
