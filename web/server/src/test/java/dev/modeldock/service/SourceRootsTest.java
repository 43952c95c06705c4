package dev.modeldock.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.source.ModelSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conversion sources confined to the server's source roots, on real folders and links. */
class SourceRootsTest {
    private static final String COMMIT = "c9745ed1d9f207416be6d2e6f8de32d1f16199bf";

    @TempDir
    Path work;

    @Test
    void aHubCacheSnapshotWhoseFilesLinkToBlobsInTheSameRootIsAcceptedAndNamedRelativeToIt() throws IOException {
        Path cache = Files.createDirectories(work.resolve("cache"));
        Path model = cache.resolve("models--acme--mini");
        Path blob = Files.writeString(Files.createDirectories(model.resolve("blobs")).resolve("0a1b"), "{}");
        Path snapshot = Files.createDirectories(model.resolve("snapshots/" + COMMIT));
        Files.createSymbolicLink(snapshot.resolve("config.json"), snapshot.relativize(blob));

        ModelSource source = roots(cache).confine(snapshot.toString(), Settings.defaults());
        assertEquals("models--acme--mini/snapshots/" + COMMIT, source.folder().id());
        assertEquals(snapshot.toRealPath(), source.folder().root());
        assertEquals(COMMIT, source.revision());
    }

    @Test
    void aSnapshotFetchedForAHubIdIsNamedByThatIdWithItsCommitAndHeldToTheRoots() throws IOException {
        Path cache = Files.createDirectories(work.resolve("cache"));
        Path model = cache.resolve("models--acme--mini");
        Path blob = Files.writeString(Files.createDirectories(model.resolve("blobs")).resolve("0a1b"), "{}");
        Path snapshot = Files.createDirectories(model.resolve("snapshots/" + COMMIT));
        Files.createSymbolicLink(snapshot.resolve("config.json"), snapshot.relativize(blob));
        ModelSource fetched = new ModelSource(new ModelFolder("acme/mini", snapshot), "acme/mini");

        ModelSource source = roots(cache).confineSnapshot("acme/mini", fetched);
        assertEquals("acme/mini", source.folder().id(), "the lineage's source");
        assertEquals("acme/mini", source.hubId());
        assertEquals(COMMIT, source.revision());
        assertEquals(snapshot.toRealPath(), source.folder().root());
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> roots(Files.createDirectories(work.resolve("sources"))).confineSnapshot("acme/mini", fetched));
        assertTrue(e.getMessage().contains("outside the folders"), e.getMessage());
    }

    @Test
    void aHubIdFoundInTheCacheStaysAllowed() throws IOException {
        Path cache = Files.createDirectories(work.resolve("cache/acme/mini"));
        Settings settings = Settings.fromMap(Map.of("cache_dir", work.resolve("cache").toString()));
        ModelSource source = roots(work.resolve("cache")).confine("acme/mini", settings);
        assertEquals("acme/mini", source.folder().id());
        assertEquals("acme/mini", source.hubId());
        assertEquals(cache.toRealPath(), source.folder().root());
    }

    @Test
    void aFolderOutsideEveryRootIsRefusedNamingTheRoots() throws IOException {
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere/acme/mini"));
        Path root = Files.createDirectories(work.resolve("sources"));
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> roots(root, work.resolve("not-made-yet")).confine(elsewhere.toString(), Settings.defaults()));
        assertTrue(e.getMessage().contains("outside the folders this server converts from (" + root + ", "
                + work.resolve("not-made-yet") + ")"), e.getMessage());
        Path sneaky = Files.createDirectories(root.resolve("acme")).resolve("../../elsewhere/acme/mini");
        assertTrue(assertThrows(ModelDockException.class, () -> roots(root).confine(sneaky.toString(),
                Settings.defaults())).getMessage().contains("outside the folders"));
    }

    @Test
    void linksThatLeaveEveryRootAreRefusedByNameDanglingOrNot() throws IOException {
        Path root = Files.createDirectories(work.resolve("sources"));
        Path secret = Files.writeString(Files.createDirectories(work.resolve("private")).resolve("key"), "SECRET");
        for (Path target : List.of(secret, work.resolve("private/not-yet"), secret.getParent())) {
            Path model = Files.createDirectories(root.resolve("acme/mini-" + target.getFileName()));
            Files.createSymbolicLink(Files.createDirectories(model.resolve("1_Pooling")).resolve("config.json"),
                    target);
            ModelDockException e = assertThrows(ModelDockException.class,
                    () -> roots(root).confine(model.toString(), Settings.defaults()));
            assertTrue(e.getMessage().contains("1_Pooling/config.json is a symbolic link that leads outside"),
                    e.getMessage());
            assertFalse(e.getMessage().contains(work.resolve("private").toString()), e.getMessage());
        }
    }

    @Test
    void aLinkIntoAnotherRootIsFineAndALoopIsRefused() throws IOException {
        Path models = Files.createDirectories(work.resolve("models/acme/mini"));
        Path shared = Files.writeString(Files.createDirectories(work.resolve("shared")).resolve("vocab.txt"), "a");
        Files.createSymbolicLink(models.resolve("vocab.txt"), shared);
        SourceRoots roots = roots(work.resolve("models"), work.resolve("shared"));
        assertEquals("acme/mini", roots.confine(models.toString(), Settings.defaults()).folder().id());

        Files.createSymbolicLink(models.resolve("again"), models);
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> roots.confine(models.toString(), Settings.defaults()));
        assertTrue(e.getMessage().contains("again is a symbolic link that loops"), e.getMessage());
    }

    private static SourceRoots roots(Path... roots) {
        return new SourceRoots(List.of(roots));
    }
}
