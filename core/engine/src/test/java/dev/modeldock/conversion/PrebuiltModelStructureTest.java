package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.modeldock.metadata.CheckContext;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import dev.modeldock.testkit.onnx.HostileModels;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.SmallModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model brought as ONNX (the command line's bring-your-own model, the server's upload) is checked
 * for the structural rules before anything else, ONNX Runtime included: checking and staging refuse
 * it naming the rule. Nothing here loads a hostile model in ONNX Runtime; before the rules, staging
 * the recursive ones crashed the JVM.
 */
class PrebuiltModelStructureTest {
    @TempDir
    Path dir;

    private ModelDockException checkRefuses(ModelProto model, String rule) throws Exception {
        Path file = OnnxFixtures.write(model, dir.resolve("model.onnx"));
        // check() reads only the structure; the extensions are for exports, which are not reached.
        PrebuiltModel prebuilt = new PrebuiltModel(file, SmallModels.FEATURE_REGRESSOR_METADATA, null);
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> prebuilt.check(new CheckContext(null, Files.size(file), OracleRelease.DB_26AI)));
        assertTrue(e.getMessage().contains("'" + rule + "'"), e.getMessage());
        return e;
    }

    @Test
    void aSelfRecursiveFunctionIsRefusedBeforeAnyMetadataCheck() throws Exception {
        checkRefuses(HostileModels.selfRecursiveFunction(), "recursive-function");
    }

    @Test
    void mutuallyRecursiveFunctionsAreRefused() throws Exception {
        checkRefuses(HostileModels.mutuallyRecursiveFunctions(), "recursive-function");
    }

    @Test
    void duplicateInitializerNamesAreRefused() throws Exception {
        checkRefuses(HostileModels.duplicateInitializerNames(), "duplicate-name");
    }

    @Test
    void rawDataTooShortOrTooLongForTheShapeIsRefused() throws Exception {
        checkRefuses(HostileModels.weightsAsRawData(12), "tensor-data-size");
        checkRefuses(HostileModels.weightsAsRawData(20), "tensor-data-size");
    }

    @Test
    void aNegativeDimensionIsRefused() throws Exception {
        checkRefuses(HostileModels.negativeDimension(), "negative-dimension");
    }

    @Test
    void externalDataInAFunctionIsRefused() throws Exception {
        checkRefuses(HostileModels.externalDataInAFunction(), "external-data");
    }

    @Test
    void stagingASelfRecursiveModelIsRefusedWithoutLoadingItAndLeavesNoStagingFolder() throws Exception {
        Path file = OnnxFixtures.write(HostileModels.selfRecursiveFunction(), dir.resolve("recursive.onnx"));
        Path staging = Files.createDirectories(dir.resolve("staging"));
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> new PrebuiltModel(file, SmallModels.FEATURE_REGRESSOR_METADATA, null).stage(OracleRelease.DB_26AI, staging,
                        Progress.NONE));
        assertTrue(e.getMessage().contains("recursive-function"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), "names the user's file: " + e.getMessage());
        try (var left = Files.list(staging)) {
            assertTrue(left.findAny().isEmpty(), "staging folder left behind");
        }
    }
}
