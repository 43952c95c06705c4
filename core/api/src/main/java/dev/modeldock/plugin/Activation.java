package dev.modeldock.plugin;

/**
 * A float32 tensor flowing between post-processors.
 *
 * @param tensor   its name in the graph
 * @param width    the size of its last dimension (the hidden size of the encoder, or of a Dense output)
 * @param perToken true for token embeddings shaped [1, tokens, width], false for one sentence
 *                 embedding shaped [1, width]
 *
 * @since 1.0.0
 */
public record Activation(String tensor, int width, boolean perToken) {
}
