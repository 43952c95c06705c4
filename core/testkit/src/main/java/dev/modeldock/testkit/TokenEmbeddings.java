package dev.modeldock.testkit;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * The raw encoder's token embeddings for a text, computed without any ModelDock code: Hugging
 * Face's tokenizer through DJL and the original ONNX encoder in ONNX Runtime. Tests derive their
 * expected embeddings from these with their own arithmetic.
 */
public final class TokenEmbeddings implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final OrtSession encoder;

    public TokenEmbeddings(Path hubFolder, int maxLength) throws Exception {
        tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(hubFolder.resolve("tokenizer.json"))
                .optMaxLength(maxLength).optTruncation(true).optPadding(false).build();
        encoder = OrtEnvironment.getEnvironment().createSession(hubFolder.resolve("onnx/model.onnx").toString(),
                new OrtSession.SessionOptions());
    }

    public long[] ids(String text) {
        return tokenizer.encode(text).getIds();
    }

    /** One row per token, [CLS] and [SEP] included. */
    public float[][] of(String text) throws Exception {
        long[] ids = ids(text);
        long[] shape = {1, ids.length};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] ones = new long[ids.length];
        java.util.Arrays.fill(ones, 1);
        try (OnnxTensor inputIds = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shape);
                OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape);
                OrtSession.Result result = encoder.run(Map.of("input_ids", inputIds, "attention_mask", mask,
                        "token_type_ids", types))) {
            return ((float[][][]) result.get(0).getValue())[0];
        }
    }

    @Override
    public void close() throws ai.onnxruntime.OrtException {
        tokenizer.close();
        encoder.close();
    }
}
