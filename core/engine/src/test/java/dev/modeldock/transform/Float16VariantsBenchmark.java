package dev.modeldock.transform;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.runtime.OrtSessions;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.validation.ParityCheck;
import dev.modeldock.validation.ProbeText;
import dev.modeldock.validation.ProbeTexts;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures the two float16 forms of the real MiniLM encoder against float32 on ONNX Runtime's CPU
 * provider (batch 1, one thread): file size, embeddings per second and the mean-pooled cosine on the
 * probe texts. Not a test; run by hand ({@code main}, with the engine's test class path), its
 * figures are in DESIGN.md, "float16 weights".
 */
final class Float16VariantsBenchmark {
    private static final int ROUNDS = 3;

    private Float16VariantsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // ONNX Runtime 1.15 loads its library with the environment only: create it before any session option.
        System.out.println("ONNX Runtime " + OrtSessions.environment().getVersion());
        Path folder = MiniLmHubFolder.create(Files.createTempDirectory("float16-benchmark"));
        Path original = folder.resolve("onnx/model.onnx");
        ModelProto encoder = OnnxModels.read(original);
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("float32", original);
        files.put("float16 weights, float32 compute", write(Float16Weights.apply(encoder, name -> true), folder, "weights"));
        files.put("float16 compute, LayerNorm+Softmax float32", write(Float16ComputeRewrite.apply(encoder,
                Set.of("Softmax", "ReduceMean", "Pow", "Sqrt")), folder, "compute-islands"));
        files.put("float16 compute throughout", write(Float16ComputeRewrite.apply(encoder, Set.of()), folder, "compute"));
        List<String> texts = ProbeTexts.builtIn().stream().map(ProbeText::text).toList();
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                .optTokenizerPath(folder.resolve("tokenizer.json")).optMaxLength(256).optTruncation(true)
                .optPadding(false).build()) {
            List<Encoding> encodings = texts.stream().map(tokenizer::encode).toList();
            Map<String, float[][]> vectors = new LinkedHashMap<>();
            Map<String, Double> best = new LinkedHashMap<>();
            for (int round = 0; round < ROUNDS; round++) { // interleaved, so that a busy moment hits all alike
                for (Map.Entry<String, Path> file : files.entrySet()) {
                    try (OrtSession session = OrtSessions.open(file.getValue(), 1)) {
                        embed(session, encodings.subList(0, 3)); // warm-up
                        long start = System.nanoTime();
                        vectors.put(file.getKey(), embed(session, encodings));
                        double perSecond = encodings.size() / ((System.nanoTime() - start) / 1e9);
                        best.merge(file.getKey(), perSecond, Math::max);
                    }
                }
            }
            System.out.printf("%d texts, best of %d rounds%n", texts.size(), ROUNDS);
            for (String variant : files.keySet()) {
                double mean = 0;
                double min = 1;
                for (int i = 0; i < texts.size(); i++) {
                    double cosine = ParityCheck.cosine(vectors.get("float32")[i], vectors.get(variant)[i]);
                    mean += cosine / texts.size();
                    min = Math.min(min, cosine);
                }
                System.out.printf("%-45s size %.3f  %.1f embeddings/s  cosine mean %.7f min %.7f%n", variant,
                        Files.size(files.get(variant)) / (double) Files.size(original), best.get(variant), mean, min);
            }
        }
    }

    private static Path write(ModelProto model, Path folder, String name) throws Exception {
        Path file = folder.resolve(name + ".onnx");
        OnnxModels.write(model, file);
        return file;
    }

    static float[][] embed(OrtSession session, List<Encoding> encodings) throws OrtException {
        float[][] vectors = new float[encodings.size()][];
        for (int e = 0; e < encodings.size(); e++) {
            long[] ids = encodings.get(e).getIds();
            long[] shape = {1, ids.length};
            Map<String, OnnxTensor> inputs = new HashMap<>();
            try {
                inputs.put("input_ids", OnnxTensor.createTensor(OrtSessions.environment(), LongBuffer.wrap(ids), shape));
                inputs.put("attention_mask", OnnxTensor.createTensor(OrtSessions.environment(),
                        LongBuffer.wrap(encodings.get(e).getAttentionMask()), shape));
                inputs.put("token_type_ids", OnnxTensor.createTensor(OrtSessions.environment(),
                        LongBuffer.wrap(new long[ids.length]), shape));
                try (OrtSession.Result result = session.run(inputs, Set.of("output_0"))) {
                    float[][] tokens = ((float[][][]) result.get(0).getValue())[0];
                    vectors[e] = meanOf(tokens);
                }
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
        return vectors;
    }

    static float[] meanOf(float[][] tokens) {
        float[] mean = new float[tokens[0].length];
        for (float[] token : tokens) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += token[i] / tokens.length;
            }
        }
        return mean;
    }
}
