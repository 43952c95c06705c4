package dev.modeldock.plugin;

import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * Turns the pipeline's input string into token ids inside the graph.
 *
 * <p>The host asks every tokenizer whether it {@link #recognizes} the model and uses the first that
 * does. The nodes it emits must truncate to {@link TokenizerOptions#maxSequenceLength()} tokens,
 * special tokens included, so the encoder never sees more positions than it has.
 */
public interface Tokenizer extends ExtensionPoint {

    /**
     * The tokenizer's family as Oracle's import metadata names it ({@code bert}, {@code bpe},
     * {@code sentencepiece}, ...); also how a user refers to this tokenizer.
     */
    String name();

    /** Whether this tokenizer can reproduce the model's own tokenization from its files. */
    boolean recognizes(ModelFolder model);

    /**
     * Appends the tokenizer nodes.
     *
     * @param graph   the graph being built
     * @param text    the name of the string tensor of shape [1] holding the input text
     * @param model   the model's files
     * @param options settings from the configuration that override the tokenizer files
     * @return the int64 tensors of shape [1, tokens] the encoder takes
     * @throws ModelDockException when the tokenizer files are missing or malformed
     */
    TokenIds append(GraphBuilder graph, String text, ModelFolder model, TokenizerOptions options);

    /**
     * Where this tokenizer's nodes cannot tokenize {@code model} as Hugging Face's tokenizer does,
     * whatever the attributes: by writing system ({@code latin}, {@code greek}, {@code cyrillic}, {@code cjk},
     * {@code hangul}, {@code devanagari}, {@code arabic}, {@code thai}, {@code emoji}), the reason in a
     * sentence. The validation report prints a reason beside that writing system's measured agreement
     * when the agreement is not complete; a difference without a reason is reported as unexplained.
     *
     * @param model   the model's files, as given to {@link #append}
     * @param options the same options as given to {@link #append}
     * @since 0.3.0
     */
    default Map<String, String> knownLimits(ModelFolder model, TokenizerOptions options) {
        return Map.of();
    }
}
