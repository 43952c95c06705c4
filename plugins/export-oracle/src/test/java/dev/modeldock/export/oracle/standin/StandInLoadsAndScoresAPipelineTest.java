package dev.modeldock.export.oracle.standin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandInLoadsAndScoresAPipelineTest {
    @TempDir
    Path folder;

    private StandInDatabase database;
    private Path pipeline;

    @BeforeEach
    void start() throws Exception {
        database = StandInSettings.named("loads-and-scores").start();
        pipeline = StandInModels.embedding().write(folder.resolve("pipeline.onnx"));
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void describesTheLoadedModelInTheDictionaryViews() throws Exception {
        try (Connection session = StandInClient.connect(database)) {
            StandInClient.load(session, "doc_model", pipeline, StandInClient.EMBEDDING_METADATA);

            assertEquals(List.of(List.of("1")),
                    StandInClient.rows(session, OracleSqlRewriter.MODEL_EXISTS, null, "DOC_MODEL"));
            assertEquals(List.of(List.of("1")),
                    StandInClient.rows(session, OracleSqlRewriter.MODEL_EXISTS, "MODELDOCK", "DOC_MODEL"));
            assertEquals(List.of(List.of("0")),
                    StandInClient.rows(session, OracleSqlRewriter.MODEL_EXISTS, "OTHER", "DOC_MODEL"));
            assertEquals(List.of(List.of("EMBEDDING", "ONNX")),
                    StandInClient.rows(session, OracleSqlRewriter.MODEL_ROW, null, "DOC_MODEL"));
            assertEquals(List.of(
                            List.of("DATA", "TEXT", "VARCHAR2"),
                            List.of("ORA$ONNXTARGET", "VECTOR", "VECTOR", "VECTOR(4,FLOAT32)")),
                    StandInClient.rows(session, OracleSqlRewriter.MODEL_ATTRIBUTES, null, "DOC_MODEL").stream()
                            .map(row -> row.stream().filter(value -> value != null).toList()).toList());
        }
    }

    @Test
    void answersVectorEmbeddingWithTheModelsVectorAsText() throws Exception {
        try (Connection session = StandInClient.connect(database)) {
            StandInClient.load(session, "doc_model", pipeline, StandInClient.EMBEDDING_METADATA);

            String text = StandInClient.embed(session, "DOC_MODEL", "DATA", "three little words");

            assertTrue(text.matches("\\[[-0-9.E+]+(,[-0-9.E+]+){3}]"), text);
            assertTrue(text.contains("E+000") || text.contains("E-001"), text);
            assertArrayEquals(StandInModels.expectedVector("three little words", 4), StandInClient.parseVector(text),
                    1e-6f);
            assertArrayEquals(StandInModels.expectedVector("one", 4),
                    StandInClient.parseVector(StandInClient.embed(session, "MODELDOCK.doc_model", "data", "one")),
                    1e-6f);
        }
    }

    @Test
    void returnsTheVectorAsAClobAndNullForANullText() throws Exception {
        try (Connection session = StandInClient.connect(database)) {
            StandInClient.load(session, "doc_model", pipeline, StandInClient.EMBEDDING_METADATA);
            String sql = "SELECT FROM_VECTOR(VECTOR_EMBEDDING(DOC_MODEL USING ? AS DATA) RETURNING CLOB) FROM DUAL";
            try (PreparedStatement statement = session.prepareStatement(sql)) {
                statement.setString(1, "a b");
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    assertArrayEquals(StandInModels.expectedVector("a b", 4),
                            StandInClient.parseVector(rows.getClob(1).getSubString(1, 1000)), 1e-6f);
                }
                statement.setString(1, null);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    assertNull(rows.getString(1));
                }
            }
        }
    }

    @Test
    void storesExactlyTheBytesItWasSentAndDropsThemWithTheModel() throws Exception {
        try (Connection session = StandInClient.connect(database)) {
            StandInClient.load(session, "doc_model", pipeline, StandInClient.EMBEDDING_METADATA);
            assertArrayEquals(Files.readAllBytes(pipeline), Files.readAllBytes(database.storedBytes("MODELDOCK.DOC_MODEL")));
            assertEquals(1, database.storedFileCount());

            StandInClient.drop(session, "doc_model");

            assertEquals(List.of(List.of("0")),
                    StandInClient.rows(session, OracleSqlRewriter.MODEL_EXISTS, null, "DOC_MODEL"));
            assertEquals(List.of(), StandInClient.rows(session, OracleSqlRewriter.MODEL_ATTRIBUTES, null, "DOC_MODEL"));
            assertEquals(0, database.storedFileCount());
        }
    }

    @Test
    void loadsIntoAnotherSchemaWithCreateAnyMiningModel() throws Exception {
        database.close();
        database = StandInSettings.named("loads-and-scores").privileges("CREATE SESSION", "CREATE ANY MINING MODEL")
                .start();
        try (Connection session = StandInClient.connect(database)) {
            StandInClient.load(session, "shared.doc_model", pipeline, StandInClient.EMBEDDING_METADATA);

            assertEquals(List.of(List.of("1")),
                    StandInClient.rows(session, OracleSqlRewriter.MODEL_EXISTS, "SHARED", "DOC_MODEL"));
            assertArrayEquals(StandInModels.expectedVector("x", 4),
                    StandInClient.parseVector(StandInClient.embed(session, "SHARED.DOC_MODEL", "DATA", "x")), 1e-6f);
        }
    }
}
