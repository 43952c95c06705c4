package dev.modeldock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.service.Json;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.SmallModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code metadata check} and {@code metadata infer}, and {@code export --onnx}, as a user runs them. */
class MetadataCommandTest {
    @TempDir
    Path work;

    @Test
    void checkPrintsValidForMetadataOracleAccepts() throws Exception {
        Path model = OnnxFixtures.write(SmallModels.featureRegressor(), work.resolve("r.onnx"));
        Path metadata = Files.writeString(work.resolve("r.json"), SmallModels.FEATURE_REGRESSOR_METADATA);
        CommandLine run = CommandLine.run("metadata", "check", "--onnx", model.toString(), "--metadata", metadata.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("valid", run.out().strip());
    }

    @Test
    void checkPrintsOneLinePerProblemStartingWithItsOraCode() throws Exception {
        Path model = OnnxFixtures.write(SmallModels.irisClassifier(), work.resolve("c.onnx"));
        Path metadata = Files.writeString(work.resolve("c.json"),
                "{\"function\": \"classifier\", \"input\": {\"features\": [\"A\", 7]}, \"defaultOnNull\": {\"X\": \"0\"}}");
        CommandLine run = CommandLine.run("metadata", "check", "--onnx", model.toString(), "--metadata", metadata.toString(),
                "--model-name", "my-model");
        assertEquals(MetadataCommand.PROBLEMS_FOUND, run.exit(), run.err());
        List<String> lines = run.out().strip().lines().toList();
        assertTrue(lines.stream().allMatch(line -> line.matches("ORA-(\\d{5}|\\?{5}) .*")), run.out());
        for (String code : List.of("ORA-40281 model", "ORA-54403 function", "ORA-54409 input.features",
                "ORA-54414 defaultOnNull.X")) {
            assertTrue(lines.stream().anyMatch(line -> line.startsWith(code)), code + " in " + run.out());
        }
    }

    @Test
    void inferProposesMetadataThatCheckAccepts() throws Exception {
        Path model = OnnxFixtures.write(SmallModels.irisClassifier(), work.resolve("c.onnx"));
        CommandLine infer = CommandLine.run("metadata", "infer", "--onnx", model.toString(), "--function", "classification");
        assertEquals(0, infer.exit(), infer.err());
        var proposal = Json.MAPPER.readTree(infer.out());
        assertEquals("probabilities", proposal.path("classificationProbOutput").asText());
        assertEquals("class_names", proposal.path("classificationLabelOutput").asText());
        Path metadata = Files.writeString(work.resolve("proposal.json"), infer.out());
        assertEquals("valid", CommandLine.run("metadata", "check", "--onnx", model.toString(), "--metadata", metadata.toString())
                .out().strip());
    }

    @Test
    void exportTakesAnOnnxModelWithItsMetadata() throws Exception {
        Path model = OnnxFixtures.write(SmallModels.featureRegressor(), work.resolve("r.onnx"));
        Path metadata = Files.writeString(work.resolve("r.json"), SmallModels.FEATURE_REGRESSOR_METADATA);
        CommandLine run = CommandLine.run("export", "--onnx", model.toString(), "--metadata", metadata.toString(), "--name", "price",
                "--output-dir", work.resolve("out").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(Files.exists(work.resolve("out/price.onnx")) && Files.exists(work.resolve("out/price.json")));

        CommandLine both = CommandLine.run("export", "--onnx", model.toString(), "--metadata", metadata.toString(), "--model", "x",
                "--name", "price");
        assertEquals(1, both.exit());
        assertTrue(both.err().startsWith("error: give either --model"), both.err());
    }

    @Test
    void aModelOverOneGigabyteIsFor26aiOnlyAndExportedFor23aiByDefaultIsRefusedBeforeItIsCopied() throws Exception {
        Path model = OnnxFixtures.writePadded(SmallModels.featureRegressor(), 1_100_000_000L, work.resolve("big.onnx"));
        Path metadata = Files.writeString(work.resolve("big.json"), SmallModels.FEATURE_REGRESSOR_METADATA);

        CommandLine for23 = CommandLine.run("metadata", "check", "--onnx", model.toString(), "--metadata",
                metadata.toString());
        assertEquals(MetadataCommand.PROBLEMS_FOUND, for23.exit(), for23.err());
        assertTrue(for23.out().startsWith("ORA-54400 model: the ONNX file is 1100000000 bytes; Oracle Database 23ai"
                + " imports at most 1073741824 (1 GB)."), for23.out());
        CommandLine for26 = CommandLine.run("metadata", "check", "--onnx", model.toString(), "--metadata",
                metadata.toString(), "--target-release", "26");
        assertEquals("valid", for26.out().strip(), for26.err());

        Path out = work.resolve("out");
        CommandLine export = CommandLine.run("export", "--onnx", model.toString(), "--metadata", metadata.toString(),
                "--name", "big", "--output-dir", out.toString());
        assertEquals(1, export.exit());
        assertTrue(export.err().startsWith("error: Oracle would refuse big.onnx: ORA-54400"), export.err());
        assertTrue(export.err().contains("target Oracle Database 26ai (2 GB)"), export.err());
        assertTrue(Files.notExists(out.resolve("big.onnx")), "nothing exported");

        CommandLine typo = CommandLine.run("export", "--onnx", model.toString(), "--metadata", metadata.toString(),
                "--name", "big", "--target-release", "24");
        assertEquals(1, typo.exit());
        assertTrue(typo.err().startsWith("error: there is no Oracle target release 24: give 23"), typo.err());
    }
}
