package dev.modeldock.registry;

import static dev.modeldock.registry.ArtifactStoreFixtures.CHUNK;
import static dev.modeldock.registry.ArtifactStoreFixtures.count;
import static dev.modeldock.registry.ArtifactStoreFixtures.randomBytes;
import static dev.modeldock.registry.ArtifactStoreFixtures.rows;
import static dev.modeldock.registry.ArtifactStoreFixtures.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** The sweeps the server runs at start: unfinished uploads and artifacts no version uses. */
class ArtifactStoreSweepTest {
    @DatabaseTest
    void theStagingSweepRemovesAHalfMadeUploadAndKeepsCompleteArtifacts(TestDatabase database) throws IOException {
        byte[] kept = randomBytes(2 * CHUNK + 1, 41);
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            ArtifactStore store = new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER);
            StoredArtifact complete = store.put(new ByteArrayInputStream(kept));
            // What a server killed during an upload leaves behind: staging content with some chunks.
            db.jdbi().useHandle(h -> {
                long contentId = h.createUpdate("INSERT INTO content (state, started_at) VALUES ('staging', :now)")
                        .bind("now", Instant.now()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                for (int seq = 0; seq < 3; seq++) {
                    byte[] data = randomBytes(CHUNK, seq);
                    h.createUpdate("INSERT INTO content_chunk (content_id, seq, digest, data)"
                                    + " VALUES (:content, :seq, :digest, :data)")
                            .bind("content", contentId).bind("seq", seq).bind("digest", sha256(data))
                            .bind("data", data).execute();
                }
            });

            assertEquals(1, store.sweepStaging());

            assertEquals(1, rows(db, "content"));
            assertEquals(complete.chunkCount(), rows(db, "content_chunk"));
            try (InputStream in = store.open(complete.sha256())) {
                assertArrayEquals(kept, in.readAllBytes());
            }
            assertEquals(0, store.sweepStaging());
        }
    }

    @DatabaseTest
    void theUnreferencedSweepKeepsArtifactsThatVersionsUseAndRemovesTheRest(TestDatabase database) throws IOException {
        byte[] used = randomBytes(CHUNK + 5, 42);
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            ArtifactStore store = new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER);
            StoredArtifact inUse = store.put(new ByteArrayInputStream(used));
            StoredArtifact unused = store.put(new ByteArrayInputStream(randomBytes(3 * CHUNK, 43)));
            StoredArtifact empty = store.put(InputStream.nullInputStream());
            db.jdbi().useHandle(h -> fileVersion(h, inUse.sha256()));

            assertEquals(2, store.sweepUnreferenced());

            assertTrue(store.find(inUse.sha256()).isPresent());
            assertTrue(store.find(unused.sha256()).isEmpty());
            assertTrue(store.find(empty.sha256()).isEmpty());
            assertEquals(1, rows(db, "content"));
            assertEquals(inUse.chunkCount(), rows(db, "content_chunk"));
            try (InputStream in = store.open(inUse.sha256())) {
                assertArrayEquals(used, in.readAllBytes());
            }
            assertEquals(0, store.sweepUnreferenced());
            assertEquals(0, store.sweepStaging(), "nothing is left half-removed");
            assertEquals(0, count(db, "SELECT COUNT(*) FROM content WHERE state <> 'complete'"));
        }
    }

    @DatabaseTest
    void aRunningServersUploadsAreLeftAloneAndAStoppedServersAreRemoved(TestDatabase database) throws IOException {
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            Servers servers = new Registry(db, new SecretBox(OpenRegistry.KEY), "server-a").servers();
            servers.register("server-a", true, true);
            servers.register("server-b", true, true);
            ArtifactStore onA = new DatabaseArtifacts(db, "server-a");
            ArtifactStore onB = new DatabaseArtifacts(db, "server-b");
            // Stored, its version not filed yet: what a server holds between an upload and its version.
            StoredArtifact unfiledOnA = onA.put(new ByteArrayInputStream(randomBytes(CHUNK + 3, 44)));
            StoredArtifact unfiledOnB = onB.put(new ByteArrayInputStream(randomBytes(CHUNK + 3, 45)));
            db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO content (state, started_at, written_by)"
                    + " VALUES ('staging', :now, 'server-b')").bind("now", Instant.now()).execute());

            assertEquals(0, onA.sweepStaging(), "server-b still uploads");
            assertEquals(0, onA.sweepUnreferenced(), "both servers may still file versions");
            servers.deregister("server-b");
            // The same bytes again through server-a, which takes over server-b's artifact for its own version.
            StoredArtifact again = onA.put(new ByteArrayInputStream(randomBytes(CHUNK + 3, 45)));

            assertEquals(unfiledOnB.sha256(), again.sha256());
            assertEquals(1, onA.sweepStaging());
            assertEquals(0, onA.sweepUnreferenced(), "server-a's artifacts, the adopted one among them, are kept");
            assertTrue(onA.find(unfiledOnA.sha256()).isPresent());
            servers.deregister("server-a");
            assertEquals(2, onB.sweepUnreferenced(), "once no server may file them, unused artifacts go");
        }
    }

    /** The least a model version row needs, filed directly so this test depends on the schema only. */
    private static void fileVersion(Handle h, String artifactSha256) {
        long modelId = h.createUpdate("INSERT INTO model (name, description, last_version, created_at, updated_at)"
                        + " VALUES ('minilm', '', 1, :now, :now)")
                .bind("now", Instant.now()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        h.createUpdate("INSERT INTO model_version (model_id, number, artifact_sha256, lineage_json, metadata_json,"
                        + " created_by, created_at) VALUES (:model, 1, :sha, '{}', '{}', 'test', :now)")
                .bind("model", modelId).bind("sha", artifactSha256).bind("now", Instant.now()).execute();
    }
}
