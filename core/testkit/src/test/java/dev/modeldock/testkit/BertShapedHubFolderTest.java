package dev.modeldock.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.testkit.BertShapedHubFolder.Shape;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BERT-shaped encoder runs in ONNX Runtime, has the parameters its shape counts, and the same with external data. */
class BertShapedHubFolderTest {
    private static final Shape TINY = new Shape("tiny-bert", 2, 32, 4, 64, 30522, 64);

    @TempDir
    Path dir;

    @Test
    void aTinyEncoderRunsAndHoldsTheParametersItsShapeCounts() throws Exception {
        Path inline = BertShapedHubFolder.create(dir.resolve("inline"), TINY, false, 7);
        Path external = BertShapedHubFolder.create(dir.resolve("external"), TINY, true, 7);

        long size = Files.size(inline.resolve("onnx/model.onnx"));
        assertTrue(size >= TINY.parameters() * 4 && size < TINY.parameters() * 4 + 100_000,
                size + " bytes for " + TINY.parameters() + " parameters");
        assertTrue(Files.size(external.resolve("onnx/model.onnx")) < 100_000, "the weights are in the data file");
        Map<String, Object> inputs = Map.of("input_ids", new long[][] {{101, 7592, 2088, 102}},
                "attention_mask", new long[][] {{1, 1, 1, 1}}, "token_type_ids", new long[][] {{0, 0, 0, 0}});
        float[][][] fromInline = (float[][][]) OnnxFixtures.run(inline.resolve("onnx/model.onnx"), inputs,
                "last_hidden_state").get("last_hidden_state");
        float[][][] fromExternal = (float[][][]) OnnxFixtures.run(external.resolve("onnx/model.onnx"), inputs,
                "last_hidden_state").get("last_hidden_state");
        assertEquals(4, fromInline[0].length);
        assertEquals(32, fromInline[0][0].length);
        assertTrue(Float.isFinite(fromInline[0][3][31]) && fromInline[0][0][0] != fromInline[0][1][0]);
        for (int token = 0; token < 4; token++) {
            assertArrayEquals(fromInline[0][token], fromExternal[0][token], "the same seed, the same weights");
        }
    }
}
