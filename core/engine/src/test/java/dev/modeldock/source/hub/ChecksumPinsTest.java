package dev.modeldock.source.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.config.Json;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.source.ChecksumMismatch;
import dev.modeldock.testkit.hub.FakeHub;
import dev.modeldock.testkit.hub.HubRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A preconfigured model's files are held to the SHA-256s pinned at their first verified download, as
 * OML4Py holds them to its expected checksums: a change is refused naming the file and both hashes,
 * or let through as a warning with {@code ignore_checksum_error}.
 */
class ChecksumPinsTest {
    /** In the catalog, with no pin there yet: the first download pins it. */
    private static final String PRECONFIGURED = "sentence-transformers/all-MiniLM-L6-v2";
    private static final String ENCODER = "onnx/model.onnx";

    @TempDir
    Path cacheDir;
    private FakeHub hub;
    private HubRepo first;

    @BeforeEach
    void serve() {
        HubRepo tiny = TinyRepos.tiny();
        first = new HubRepo(PRECONFIGURED, tiny.commit(), tiny.refs(), tiny.files(), tiny.tokens());
        hub = FakeHub.start().serve(first);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private HubRepository repository(boolean force, boolean ignoreChecksumError) {
        return new HubRepository(cacheDir, new HubEnvironment(hub.endpoint(), null, false, Duration.ofSeconds(5)),
                force, ignoreChecksumError);
    }

    private Path pins(String repoId) {
        return new HubCache(cacheDir).repoFolder(repoId).resolve(ChecksumPins.FILE_NAME);
    }

    @Test
    void theFirstVerifiedDownloadOfAPreconfiguredModelPinsItsCommitAndTheSha256OfEveryFileUsed() throws IOException {
        repository(false, false).fetch(PRECONFIGURED, null, DownloadProgress.NONE);

        JsonNode pins = Json.MAPPER.readTree(pins(PRECONFIGURED).toFile());
        assertEquals(first.commit(), pins.path("commit").asText());
        assertEquals(first.sha256(ENCODER), pins.path("files").path(ENCODER).asText());
        assertEquals(first.sha256("config.json"), pins.path("files").path("config.json").asText());
        assertFalse(pins.path("files").has("onnx/model_quantized.onnx"), "only the files the pipeline uses");
    }

    @Test
    void aModelOutsideTheCatalogIsNotPinned() {
        hub.serve(TinyRepos.tiny());
        repository(false, false).fetch(TinyRepos.ID, null, DownloadProgress.NONE);
        assertFalse(Files.exists(pins(TinyRepos.ID)));
    }

    @Test
    void filesThatChangedUnderTheSameRevisionAreRefusedNamingTheFileAndBothHashes() throws IOException {
        repository(false, false).fetch(PRECONFIGURED, "main", DownloadProgress.NONE);
        HubRepo changed = first.withFile(ENCODER, TinyRepos.bytes(TinyRepos.ENCODER_SIZE, 99));
        hub.serve(changed);

        String message = assertThrows(ModelDockException.class,
                () -> repository(true, false).fetch(PRECONFIGURED, "main", DownloadProgress.NONE)).getMessage();

        assertTrue(message.contains(ENCODER + ": expected SHA-256 " + first.sha256(ENCODER) + ", got "
                + changed.sha256(ENCODER)), message);
        assertTrue(message.contains("ignore_checksum_error"), message);
        HubCache cache = new HubCache(cacheDir);
        assertEquals(first.commit(), cache.commit(PRECONFIGURED, "main").orElseThrow(),
                "the branch stays at the commit last seen good");
        assertEquals(first.sha256(ENCODER), Sha256.of(cache.snapshot(PRECONFIGURED, first.commit())
                .resolve(ENCODER)), "the pinned snapshot is untouched");
    }

    @Test
    void withIgnoreChecksumErrorTheChangedFilesAreUsedAndTheMismatchIsHandedOnAsAWarning() throws IOException {
        repository(false, false).fetch(PRECONFIGURED, "main", DownloadProgress.NONE);
        HubRepo changed = first.withFile(ENCODER, TinyRepos.bytes(TinyRepos.ENCODER_SIZE, 99));
        hub.serve(changed);

        FetchedModel fetched = repository(true, true).fetch(PRECONFIGURED, "main", DownloadProgress.NONE);

        assertEquals(List.of(new ChecksumMismatch(ENCODER, first.sha256(ENCODER), changed.sha256(ENCODER))),
                fetched.ignoredMismatches());
        assertEquals(changed.sha256(ENCODER), Sha256.of(fetched.folder().root().resolve(ENCODER)));
        assertEquals(first.commit(), Json.MAPPER.readTree(pins(PRECONFIGURED).toFile()).path("commit").asText(),
                "ignoring a mismatch does not move the pin");
    }

    @Test
    void aCachedFileAlteredAfterItWasPinnedIsRefusedWithoutAskingTheHub() throws IOException {
        FetchedModel fetched = repository(false, false).fetch(PRECONFIGURED, "main", DownloadProgress.NONE);
        Path config = fetched.folder().root().resolve("config.json").toRealPath();
        Files.writeString(config, "{\"model_type\": \"bert\", \"hidden_size\": 9}");
        hub.clearRequests();

        String message = assertThrows(ModelDockException.class,
                () -> repository(false, false).fetch(PRECONFIGURED, "main", DownloadProgress.NONE)).getMessage();

        assertTrue(message.startsWith("the files of preconfigured model " + PRECONFIGURED + " at commit "
                + first.commit() + " are not the ones pinned"), message);
        assertTrue(message.contains("config.json: expected SHA-256 " + first.sha256("config.json")), message);
        assertEquals(List.of(), hub.requests());
    }

    @Test
    void anUnreadablePinRecordIsAnErrorSayingToDeleteIt() throws IOException {
        repository(false, false).fetch(PRECONFIGURED, "main", DownloadProgress.NONE);
        Files.writeString(pins(PRECONFIGURED), "{not json");

        String message = assertThrows(ModelDockException.class,
                () -> repository(false, false).fetch(PRECONFIGURED, "main", DownloadProgress.NONE)).getMessage();

        assertTrue(message.contains(pins(PRECONFIGURED) + " of " + PRECONFIGURED + " is unreadable"), message);
        assertTrue(message.contains("delete it"), message);
    }
}
