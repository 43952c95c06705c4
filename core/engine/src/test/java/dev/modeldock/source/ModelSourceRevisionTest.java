package dev.modeldock.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.modeldock.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The revision a provenance records: known for a snapshot of Hugging Face's cache, unknown for any other folder. */
class ModelSourceRevisionTest {
    private static final String COMMIT = "c9745ed1d9f207416be6d2e6f8de32d1f16199bf";

    @TempDir
    Path work;

    @Test
    void aSnapshotFolderOfTheHubCacheNamesItsCommit() throws IOException {
        Path snapshot = Files.createDirectories(work.resolve(
                "hub/models--sentence-transformers--all-MiniLM-L6-v2/snapshots/" + COMMIT));
        assertEquals(COMMIT, ModelSource.resolve(snapshot.toString(), Settings.defaults()).revision());
    }

    @Test
    void aPlainFolderHasNoRevision() throws IOException {
        Path folder = Files.createDirectories(work.resolve("sentence-transformers/all-MiniLM-L6-v2"));
        assertNull(ModelSource.resolve(folder.toString(), Settings.defaults()).revision());
        Path notACommit = Files.createDirectories(work.resolve("snapshots/main"));
        assertNull(ModelSource.resolve(notACommit.toString(), Settings.defaults()).revision());
    }
}
