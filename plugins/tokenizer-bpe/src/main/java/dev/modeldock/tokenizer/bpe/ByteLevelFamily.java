package dev.modeldock.tokenizer.bpe;

import java.util.Optional;

/**
 * The two byte-level BPE families OML4Py names, each with its onnxruntime-extensions op and the value
 * of Oracle's {@code tokenizer} metadata. Oracle's metadata documentation lists {@code bert, gpt2, bpe,
 * wordpiece, sentencepiece, and clip}: it has no {@code roberta}, so RoBERTa's byte-level BPE is
 * {@code bpe}, and GPT-2's is {@code gpt2}, the name it has there.
 */
enum ByteLevelFamily {
    /** RoBERTa, CodeBERT, ...: {@code <s> pieces </s>}, which the op adds itself. */
    ROBERTA("bpe", "RobertaTokenizer", 2),
    /** GPT-2: the pieces alone. */
    GPT2("gpt2", "GPT2Tokenizer", 0);

    private final String metadataName;
    private final String op;
    private final int specials;

    ByteLevelFamily(String metadataName, String op, int specials) {
        this.metadataName = metadataName;
        this.op = op;
        this.specials = specials;
    }

    /** Oracle's {@code tokenizer} metadata value, and the tokenizer's name. */
    String metadataName() {
        return metadataName;
    }

    /** The onnxruntime-extensions op (domain ai.onnx.contrib). */
    String op() {
        return op;
    }

    /** How many special tokens the op adds around the pieces. */
    int specials() {
        return specials;
    }

    /** The family a Hugging Face tokenizer class (slow or fast) or config.json model_type belongs to. */
    static Optional<ByteLevelFamily> named(String name) {
        return switch (name) {
            case "RobertaTokenizer", "RobertaTokenizerFast", "roberta" -> Optional.of(ROBERTA);
            case "GPT2Tokenizer", "GPT2TokenizerFast", "gpt2" -> Optional.of(GPT2);
            default -> Optional.empty();
        };
    }
}
