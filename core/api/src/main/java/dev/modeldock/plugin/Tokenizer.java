package dev.modeldock.plugin;

import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * Turns the pipeline's input string into token ids inside the graph.
 *
 * <p>The host asks every tokenizer whether it {@link #recognizes} the model and uses the first that
 * does. The nodes it emits must truncate to {@link TokenizerOptions#maxSequenceLength()} tokens,
 * special tokens included, so the encoder never sees more positions than it has.
 *
 * <p>In and out: the input text is a string tensor of shape [1] (one text per call); the nodes produce
 * the three int64 tensors of {@link TokenIds}, each of shape [1, tokens] with the same tokens: the
 * ids, an attention mask of ones (a single text is never padded), and the token type ids. They may
 * use standard operators and the tokenizer operators of {@link GraphBuilder#CONTRIB_DOMAIN}, valid at
 * every opset from 13 to 18. The validation of an export compares the ids with Hugging Face's tokenizer
 * on the model's own files.
 *
 * @since 1.0.0
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
     */
    default Map<String, String> knownLimits(ModelFolder model, TokenizerOptions options) {
        return Map.of();
    }

    /**
     * Appends the nodes that tokenize a text pair as one sequence, as a cross-encoder (a reranker)
     * reads a query and a passage: the model's own pair template, such as BERT's
     * {@code [CLS] first [SEP] second [SEP]}, exactly as Hugging Face's tokenizer encodes
     * {@code (first, second)} with special tokens added. When the two texts do not fit, the nodes
     * truncate the pieces of each text from the right to {@link TokenizerOptions#maxSequenceLength()}
     * minus the special tokens, by Hugging Face's longest-first rule ({@link LongestFirst} emits it).
     *
     * <p>The default refuses: a tokenizer family that does not override this method cannot tokenize
     * text pairs, and a reranker on it is refused with a message naming the tokenizer.
     *
     * @param graph   the graph being built
     * @param first   the name of the string tensor of shape [1] holding the first text (the query)
     * @param second  the name of the string tensor of shape [1] holding the second text (the passage)
     * @param model   the model's files
     * @param options settings from the configuration that override the tokenizer files
     * @return the int64 tensors of shape [1, tokens] the encoder takes: ids, a mask of ones, and the
     *         segment ids the model's pair template gives
     * @throws ModelDockException when this tokenizer cannot tokenize pairs, when the tokenizer files are
     *                            missing or malformed, or when {@code maxSequenceLength} leaves no room
     *                            for a piece of each text
     */
    default TokenIds appendPair(GraphBuilder graph, String first, String second, ModelFolder model,
            TokenizerOptions options) {
        throw new ModelDockException("the " + name() + " tokenizer (" + getClass().getName() + ") cannot tokenize"
                + " text pairs, so model '" + model.id() + "' cannot be exported as a reranker with it; export it"
                + " as an embedding model, or use a tokenizer plugin that supports text pairs");
    }
}
