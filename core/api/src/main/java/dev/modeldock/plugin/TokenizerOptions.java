package dev.modeldock.plugin;

/**
 * What the configuration decides about tokenization.
 *
 * @param doLowerCase       lowercase the text before looking words up (the configuration's
 *                          {@code do_lower_case}, which wins over the tokenizer files)
 * @param maxSequenceLength the most tokens the encoder receives, special tokens included
 *
 * @since 1.0.0
 */
public record TokenizerOptions(boolean doLowerCase, int maxSequenceLength) {
}
