package dev.modeldock.server;

import static dev.modeldock.server.ServeProcess.api;
import static dev.modeldock.server.ServeProcess.serve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.metadata.MetadataJson;
import dev.modeldock.metadata.MetadataProposer;
import dev.modeldock.metadata.MlFunction;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.testkit.jvm.ChildJvm;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.SmallModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code modeldock serve} writes to its log at its default level: its own lines and the
 * libraries' notices, never the database's statements, which would carry every artifact chunk and
 * sealed secret into the log (and made gigabytes of it for one large upload).
 */
class ServeLogTest {
    @TempDir
    Path tempDir;

    @Test
    void anUploadLogsNoDatabaseStatements() throws Exception {
        Path file = OnnxFixtures.write(SmallModels.featureRegressor(), tempDir.resolve("small.onnx"));
        String metadata = MetadataJson.write(MetadataProposer.propose(ModelSignature.of(OnnxModels.read(file)),
                MlFunction.REGRESSION));
        String log;
        // The levels modeldock.jar runs with, which ships no simplelogger.properties: slf4j-simple's
        // INFO for everything. This module's test resources quieten the libraries for the other tests.
        Map<String, String> jarLevels = Map.of("org.slf4j.simpleLogger.defaultLogLevel", "info",
                "org.slf4j.simpleLogger.log.h2database", "info");
        try (ChildJvm server = serve(tempDir.resolve("data"), List.of(), null, jarLevels)) {
            api(server).createModel("quiet");
            assertEquals(1, api(server).upload("quiet", file, metadata).path("number").asInt());
            assertTrue(server.stop(Duration.ofSeconds(60)), server.report());
            log = server.output() + server.errors();
        }
        assertTrue(log.contains("ModelDock registry on"), log);
        for (String statement : List.of("/*SQL", "jdbc[", "INSERT INTO", "h2database")) {
            assertFalse(log.contains(statement), "the log holds '" + statement + "':\n" + log.lines().limit(40)
                    .reduce("", (a, b) -> a + b + "\n"));
        }
    }
}
