package dev.modeldock.transform;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.modeldock.config.EmbeddingModelConfig;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * How a pipeline's encoder weights are stored, OML4Py's {@code quantize_model} and {@code
 * use_float16}: the rewrite that makes them so, and how much agreement with the float32 pipeline a
 * version in that format must keep.
 */
public enum WeightFormat {
    /** As the model came: nothing to rewrite, nothing to compare. */
    FLOAT32(1.0),
    /**
     * int8 products and embedding tables ({@link WeightQuantization#int8()}). 0.98 of mean cosine is
     * where retrieval rankings start to move on the models measured; MiniLM keeps 0.994.
     */
    INT8(0.98),
    /**
     * float16 storage, float32 compute ({@link Float16Weights}): rounding to 11 bits of mantissa
     * leaves cosine above 0.9999 on every model measured, so anything under 0.999 is a surprise.
     */
    FLOAT16(0.999);

    private final double minMeanCosine;

    WeightFormat(double minMeanCosine) {
        this.minMeanCosine = minMeanCosine;
    }

    /** The format a configuration asks for; it cannot ask for both (the configuration refuses that). */
    public static WeightFormat of(EmbeddingModelConfig config) {
        return config.quantizeModel() ? INT8 : config.useFloat16() ? FLOAT16 : FLOAT32;
    }

    /** The lowest mean cosine against the float32 pipeline that passes the quality gate. */
    public double minMeanCosine() {
        return minMeanCosine;
    }

    /** The name in JSON and in messages: {@code float32}, {@code int8}, {@code float16}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format of a JSON name ({@link #jsonName()}). */
    public static WeightFormat fromJsonName(String name) {
        for (WeightFormat format : values()) {
            if (format.jsonName().equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("no weight format '" + name + "'; known: float32, int8, float16");
    }

    /** The configuration property that asks for this format; null for float32. */
    public String property() {
        return switch (this) {
            case FLOAT32 -> null;
            case INT8 -> "quantize_model";
            case FLOAT16 -> "use_float16";
        };
    }

    /**
     * The pipeline with the selected weights in this format; everything else, inputs and outputs
     * included, keeps its type.
     *
     * @param selected the weights to rewrite, by initializer name: an embedding pipeline's encoder's,
     *                 so that the tokenizer and the post-processors stay float32
     */
    public ModelProto apply(ModelProto pipeline, Predicate<String> selected) {
        return apply(pipeline, selected, WeightValues.INLINE);
    }

    /** The same, each weight's float32 values read from {@code values} when it is rewritten. */
    public ModelProto apply(ModelProto pipeline, Predicate<String> selected, WeightValues values) {
        return switch (this) {
            case FLOAT32 -> pipeline;
            case INT8 -> WeightQuantization.int8().apply(pipeline, selected, values);
            case FLOAT16 -> Float16Weights.apply(pipeline, selected, values);
        };
    }
}
