package dev.modeldock.plugin;

/**
 * Names of the tensors a {@link Tokenizer} produces, each int64 of shape [1, tokens].
 *
 * @param inputIds      token ids, special tokens included
 * @param attentionMask 1 for every real token
 * @param tokenTypeIds  segment ids: all 0 for a single text; for a text pair what the model's pair
 *                      template says (BERT: 0 through the first separator, then 1; XLM-RoBERTa: all 0)
 *
 * @since 1.0.0
 */
public record TokenIds(String inputIds, String attentionMask, String tokenTypeIds) {
}
