package dev.modeldock.plugin;

/**
 * Names of the tensors a {@link Tokenizer} produces, each int64 of shape [1, tokens].
 *
 * @param inputIds      token ids, special tokens included
 * @param attentionMask 1 for every real token
 * @param tokenTypeIds  segment ids (all 0 for a single text)
 */
public record TokenIds(String inputIds, String attentionMask, String tokenTypeIds) {
}
