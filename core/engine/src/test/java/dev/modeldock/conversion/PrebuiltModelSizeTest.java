package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.SmallModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ONNX model taken as it is must fit the release it is exported for, and is refused before it is copied. */
class PrebuiltModelSizeTest {
    @TempDir
    Path dir;

    @Test
    void aModelOverOneGigabyteIsRefusedFor23aiBeforeItIsCopiedNaming26ai() throws Exception {
        Path file = OnnxFixtures.writePadded(SmallModels.featureRegressor(), 1_100_000_000L, dir.resolve("big.onnx"));
        Path staging = Files.createDirectories(dir.resolve("staging"));

        ModelDockException e = assertThrows(ModelDockException.class, () -> new PrebuiltModel(file,
                SmallModels.FEATURE_REGRESSOR_METADATA, null).stage(OracleRelease.DB_23AI, staging, Progress.NONE));

        assertTrue(e.getMessage().startsWith("Oracle would refuse big.onnx: ORA-54400"), e.getMessage());
        assertTrue(e.getMessage().contains("the ONNX file is 1100000000 bytes; Oracle Database 23ai imports at most"
                + " 1073741824 (1 GB)"), e.getMessage());
        assertTrue(e.getMessage().contains("target Oracle Database 26ai (2 GB)"), e.getMessage());
        try (var left = Files.list(staging)) {
            assertTrue(left.findAny().isEmpty(), "nothing was copied");
        }
    }
}
