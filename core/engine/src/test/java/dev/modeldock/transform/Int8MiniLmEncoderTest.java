package dev.modeldock.transform;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.validation.ParityCheck;
import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real MiniLM encoder, quantized, against itself in float32 in ONNX Runtime: mean-pooled
 * sentence vectors stay close, the file shrinks, and the figures are printed for the record.
 */
class Int8MiniLmEncoderTest {
    private static final List<String> SENTENCES = List.of(
            "The quick brown fox jumps over the lazy dog.",
            "Oracle Database can compute vector embeddings inside the database.",
            "How do I reset my password?",
            "Quantization stores weights as eight-bit integers to save space and time.",
            "A man is playing a guitar on a stage in front of a large crowd of people.",
            "Paris is the capital of France.");

    @TempDir
    Path dir;

    @Test
    void quantizedEncoderKeepsSentenceVectorsAndShrinksTheFile() throws IOException, OrtException {
        Path folder = MiniLmHubFolder.create(dir);
        Path floatFile = folder.resolve("onnx/model.onnx");
        ModelProto model = OnnxModels.read(floatFile);
        Path safeFile = dir.resolve("int8-safe.onnx");
        OnnxModels.write(WeightQuantization.int8().apply(model), safeFile);
        Path fullFile = dir.resolve("int8-full.onnx");
        OnnxModels.write(WeightQuantization.int8(WeightQuantization.DEFAULT_MIN_ELEMENTS, false, true).apply(model),
                fullFile);

        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(folder.resolve("tokenizer.json"));
                OrtSession reference = OnnxFixtures.open(floatFile);
                OrtSession full = OnnxFixtures.open(fullFile);
                OrtSession safe = OnnxFixtures.open(safeFile)) {
            double sizeRatio = (double) Files.size(safeFile) / Files.size(floatFile);
            System.out.printf("MiniLM encoder: float32 %,d bytes, int8 %,d bytes (%.3f)%n", Files.size(floatFile),
                    Files.size(safeFile), sizeRatio);
            assertTrue(sizeRatio <= 0.3, "int8 file is " + sizeRatio + " of float32");
            for (Map.Entry<String, OrtSession> variant : Map.of("int8 ±127", full, "int8 ±64", safe).entrySet()) {
                double sum = 0;
                double min = 1;
                for (String sentence : SENTENCES) {
                    Encoding encoding = tokenizer.encode(sentence);
                    double cosine = ParityCheck.cosine(meanPooled(reference, encoding),
                            meanPooled(variant.getValue(), encoding));
                    sum += cosine;
                    min = Math.min(min, cosine);
                }
                System.out.printf("%s: mean cosine %.5f, min %.5f%n", variant.getKey(), sum / SENTENCES.size(), min);
                assertTrue(min >= 0.98, variant.getKey() + " min cosine " + min);
            }
            Encoding encoding = tokenizer.encode(SENTENCES.get(3));
            System.out.printf("encoder runs/s, one thread, %d tokens: float32 %.1f, int8 ±127 %.1f, int8 ±64 %.1f%n",
                    encoding.getIds().length, speed(reference, encoding), speed(full, encoding), speed(safe, encoding));
        }
    }

    /** The best of five rounds, as other work shares the machine's two cores. */
    private static double speed(OrtSession session, Encoding encoding) throws OrtException {
        double best = 0;
        for (int round = 0; round < 5; round++) {
            int runs = 60;
            long start = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                meanPooled(session, encoding);
            }
            best = Math.max(best, runs / ((System.nanoTime() - start) / 1e9));
        }
        return best;
    }

    private static float[] meanPooled(OrtSession session, Encoding encoding) throws OrtException {
        long[] ids = encoding.getIds();
        long[] shape = {1, ids.length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(OnnxFixtures.environment(), LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(OnnxFixtures.environment(),
                    LongBuffer.wrap(encoding.getAttentionMask()), shape));
            inputs.put("token_type_ids", OnnxTensor.createTensor(OnnxFixtures.environment(),
                    LongBuffer.wrap(new long[ids.length]), shape));
            try (OrtSession.Result result = session.run(inputs)) {
                float[][] tokens = ((float[][][]) result.get(0).getValue())[0];
                float[] mean = new float[tokens[0].length];
                for (float[] token : tokens) {
                    for (int i = 0; i < mean.length; i++) {
                        mean[i] += token[i] / tokens.length;
                    }
                }
                return mean;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }
}
