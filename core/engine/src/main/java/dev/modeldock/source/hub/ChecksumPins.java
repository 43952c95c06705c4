package dev.modeldock.source.hub;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.modeldock.config.CatalogProvenance;
import dev.modeldock.config.Json;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.source.ChecksumMismatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SHA-256 each file of a preconfigured model must have, as OML4Py keeps an expected checksum per
 * preconfigured model. The catalog pins a commit and its hashes where they were verified; for the
 * others, nobody could verify them offline, so the first verified download records them in
 * {@code models--org--name/modeldock-pins.json} and every later use is held to them (trust on first
 * use). Models outside the catalog have no pins: their files are whatever the revision named holds.
 */
final class ChecksumPins {
    static final String FILE_NAME = "modeldock-pins.json";
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() { };

    private final String repoId;
    private final Path recordFile;
    /** The pinned commit, null while nothing is pinned. */
    private final String commit;
    private final Map<String, String> sha256;
    /** Whether the pins are the record of a first download (which the user may delete), not the catalog's. */
    private final boolean recorded;

    private ChecksumPins(String repoId, Path recordFile, String commit, Map<String, String> sha256, boolean recorded) {
        this.repoId = repoId;
        this.recordFile = recordFile;
        this.commit = commit;
        this.sha256 = sha256;
        this.recorded = recorded;
    }

    /** The pins of a preconfigured model: the catalog's, else those recorded in the cache; empty for other models. */
    static Optional<ChecksumPins> of(HubCache cache, String repoId) {
        Optional<CatalogProvenance> catalog = CatalogProvenance.of(repoId);
        if (catalog.isEmpty()) {
            return Optional.empty();
        }
        Path record = cache.repoFolder(repoId).resolve(FILE_NAME);
        if (catalog.get().pinnedCommit().isPresent() && !catalog.get().fileSha256().isEmpty()) {
            return Optional.of(new ChecksumPins(repoId, record, catalog.get().commit(), catalog.get().fileSha256(),
                    false));
        }
        if (!Files.isRegularFile(record)) {
            return Optional.of(new ChecksumPins(repoId, record, null, Map.of(), true));
        }
        try {
            Map<String, Object> json = Json.MAPPER.readValue(record.toFile(), JSON_OBJECT);
            Map<String, String> files = new TreeMap<>();
            ((Map<?, ?>) json.get("files")).forEach((path, hash) -> files.put(String.valueOf(path), String.valueOf(hash)));
            return Optional.of(new ChecksumPins(repoId, record, (String) json.get("commit"), files, true));
        } catch (IOException | RuntimeException e) {
            throw new ModelDockException("the checksum record " + record + " of " + repoId + " is unreadable ("
                    + e.getMessage() + "); delete it, and the next download records the files' checksums again");
        }
    }

    boolean pinned() {
        return commit != null;
    }

    /** The pinned files whose SHA-256 in {@code snapshot} differs, or which it lacks. */
    List<ChecksumMismatch> mismatches(Path snapshot) throws IOException {
        List<ChecksumMismatch> mismatches = new ArrayList<>();
        for (Map.Entry<String, String> pin : new TreeMap<>(sha256).entrySet()) {
            Path file = snapshot.resolve(pin.getKey());
            String actual = Files.isRegularFile(file) ? Sha256.of(file) : ChecksumMismatch.MISSING;
            if (!actual.equalsIgnoreCase(pin.getValue())) {
                mismatches.add(new ChecksumMismatch(pin.getKey(), pin.getValue(), actual));
            }
        }
        return mismatches;
    }

    /**
     * Pins what a verified download brought, unless something is pinned already: an LFS file by the
     * SHA-256 the hub states for it (its blob was checked against it), a file kept in git by its bytes.
     */
    void recordFirst(String downloadedCommit, Path snapshot, List<RepoFile> downloaded) throws IOException {
        if (pinned()) {
            return;
        }
        Map<String, String> files = new TreeMap<>();
        for (RepoFile file : downloaded) {
            files.put(file.path(), file.isLfs() ? file.sha256() : Sha256.of(snapshot.resolve(file.path())));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("repo_id", repoId);
        json.put("commit", downloadedCommit);
        json.put("files", files);
        json.put("note", "SHA-256 of the files ModelDock uses, recorded at their first verified download; a later"
                + " download or cache whose files differ is refused unless ignore_checksum_error is set. Delete"
                + " this file to pin the files of a newer commit.");
        Path temporary = Files.createTempFile(recordFile.getParent(), ".pins", ".tmp");
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), json);
        Files.move(temporary, recordFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The refusal of files that are not the pinned ones, naming each file and both hashes. */
    ModelDockException refusal(String usedCommit, List<ChecksumMismatch> mismatches) {
        StringBuilder files = new StringBuilder();
        mismatches.forEach(m -> files.append(files.length() == 0 ? "" : "; ").append(m.describe()));
        String pinnedBy = recorded ? "the first verified download (" + recordFile + ")" : "ModelDock's catalog";
        String forget = recorded ? ", or, if the new files are intended, delete " + recordFile
                + " so that the next download pins them" : "";
        return new ModelDockException("the files of preconfigured model " + repoId + " at commit " + usedCommit
                + " are not the ones pinned for it at commit " + commit + " by " + pinnedBy + ": " + files
                + ". Set ignore_checksum_error (--ignore-checksum-error) to use them anyway (the mismatch is then"
                + " recorded in the version's provenance), name the pinned revision (" + repoId + "@" + commit + ")"
                + forget);
    }
}
