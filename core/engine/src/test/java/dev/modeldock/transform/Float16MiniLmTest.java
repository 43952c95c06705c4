package dev.modeldock.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.runtime.OrtSessions;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.validation.ParityCheck;
import dev.modeldock.validation.ProbeText;
import dev.modeldock.validation.ProbeTexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real all-MiniLM-L6-v2 encoder with its weights stored as float16, against the float32 original. */
class Float16MiniLmTest {
    @TempDir
    Path root;

    @Test
    void theFloat16EncoderIsHalfTheSizeAndEmbedsTheProbeTextsAsTheOriginalDoes() throws IOException, OrtException {
        Path folder = MiniLmHubFolder.create(root);
        Path original = folder.resolve("onnx/model.onnx");
        ModelProto encoder = OnnxModels.read(original);
        Path float16 = folder.resolve("onnx/model-float16.onnx");
        ModelProto rewritten = Float16Weights.apply(encoder, name -> true);
        OnnxModels.write(rewritten, float16);
        OnnxModels.readChecked(float16); // what the engine demands of a model before native code sees it

        double ratio = Files.size(float16) / (double) Files.size(original);
        assertTrue(ratio > 0.49 && ratio < 0.52, "size ratio " + ratio);
        for (TensorProto weight : rewritten.getGraph().getInitializerList()) {
            assertTrue(weight.getDataType() != DataType.FLOAT_VALUE
                    || Float16Tensors.elements(weight) < Float16Weights.MIN_ELEMENTS, weight.getName() + " stayed float32");
        }
        assertEquals(encoder.getGraph().getOutputList(), rewritten.getGraph().getOutputList());

        List<String> texts = ProbeTexts.builtIn().stream().map(ProbeText::text).toList();
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                .optTokenizerPath(folder.resolve("tokenizer.json")).optMaxLength(256).optTruncation(true)
                .optPadding(false).build();
                OrtSession before = OrtSessions.open(original, 1);
                OrtSession after = OrtSessions.open(float16, 1)) {
            List<Encoding> encodings = texts.stream().map(tokenizer::encode).toList();
            float[][] expected = Float16VariantsBenchmark.embed(before, encodings);
            float[][] actual = Float16VariantsBenchmark.embed(after, encodings);
            for (int i = 0; i < texts.size(); i++) {
                double cosine = ParityCheck.cosine(expected[i], actual[i]);
                assertTrue(cosine >= 0.999, "cosine " + cosine + " for: " + texts.get(i));
            }
            assertFalse(Arrays.equals(expected[0], actual[0]), "the rounded weights must show in the vectors");
        }
    }
}
