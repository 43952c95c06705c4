package dev.modeldock.validation;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.modeldock.plan.PipelinePlan;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.runtime.OrtSessions;
import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedding as the model's authors compute it, with nothing of ours in the way: Hugging Face's
 * own tokenizer (through DJL) truncating at max_seq_length, the original encoder, and each
 * post-processor's plain-Java form; for a classifier, the head's logits through the same. For a
 * reranker, the same tokenizer encoding the text pair
 * (longest-first truncation, Hugging Face's pair template and token types) and the encoder's logits.
 */
public final class ReferenceEmbedder implements AutoCloseable {
    private final PipelinePlan plan;
    private final HuggingFaceTokenizer tokenizer;
    private final OrtSession encoder;

    private ReferenceEmbedder(PipelinePlan plan, HuggingFaceTokenizer tokenizer, OrtSession encoder) {
        this.plan = plan;
        this.tokenizer = tokenizer;
        this.encoder = encoder;
    }

    /**
     * @param threads intra-op threads for the encoder; 0 lets ONNX Runtime choose
     */
    public static ReferenceEmbedder open(PipelinePlan plan, int threads) {
        Path tokenizerJson = plan.model().folder().require("tokenizer.json");
        HuggingFaceTokenizer tokenizer;
        try {
            // The config's max_seq_length wins over whatever truncation tokenizer.json carries.
            tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(tokenizerJson)
                    .optMaxLength(plan.maxSeqLength()).optTruncation(true).optPadding(false)
                    .optAddSpecialTokens(true).build();
        } catch (IOException | RuntimeException e) {
            throw new ModelDockException("the reference tokenizer cannot read " + tokenizerJson + ": " + e.getMessage(), e);
        }
        return new ReferenceEmbedder(plan, tokenizer, OrtSessions.openForCheck(plan.model().encoderFile(), threads));
    }

    /** The reference tokenizer's ids for {@code text}. */
    public long[] tokenIds(String text) {
        return tokenizer.encode(text).getIds();
    }

    /** The reference tokenizer's ids for the pair {@code first}, {@code second}. */
    public long[] tokenIds(String first, String second) {
        return tokenizer.encode(first, second).getIds();
    }

    /**
     * The reference output for {@code text}: its embedding, or a classifier's probabilities (the head's
     * logits, one row, through the same post-processors).
     */
    public float[] embed(String text) {
        Encoding encoding = tokenizer.encode(text);
        Object output = encoderOutput(encoding, new long[encoding.getIds().length]);
        // One row per token; or the one row of a classifier's logits or of an output the encoder pooled itself
        // (CLIP's text_embeds).
        float[][] rows = output instanceof float[][][] tokens ? tokens[0] : (float[][]) output;
        for (PipelinePlan.Step step : plan.steps()) {
            rows = step.processor().evaluate(rows, step.parameters(), plan.model().folder());
        }
        return rows[0];
    }

    /** The reference score of the pair: the encoder's logits on Hugging Face's pair encoding. */
    public float[] score(String first, String second) {
        Encoding encoding = tokenizer.encode(first, second);
        return ((float[][]) encoderOutput(encoding, encoding.getTypeIds()))[0];
    }

    /**
     * The plan's encoder output for one encoding. A single text's token types are all 0 whatever the
     * template says (as the in-graph tokenizers give them); a pair's are the template's.
     */
    private Object encoderOutput(Encoding encoding, long[] typeIds) {
        long[] ids = encoding.getIds();
        long[] shape = {1, ids.length};
        Map<String, long[]> feeds = Map.of("input_ids", ids, "attention_mask", encoding.getAttentionMask(),
                "token_type_ids", typeIds);
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            for (String name : plan.encoder().inputs()) {
                long[] values = feeds.get(name);
                if (values == null) {
                    throw new ModelDockException("the encoder needs input '" + name + "', which a tokenizer does not give");
                }
                inputs.put(name, OnnxTensor.createTensor(OrtSessions.environment(), LongBuffer.wrap(values), shape));
            }
            try (OrtSession.Result result = encoder.run(inputs, java.util.Set.of(plan.encoderOutput()))) {
                return result.get(0).getValue();
            }
        } catch (OrtException e) {
            throw new ModelDockException("the encoder failed on a text: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        tokenizer.close();
        try {
            encoder.close();
        } catch (OrtException e) {
            // Nothing to do: the session's native memory is released either way.
        }
    }
}
