/**
 * The {@code sentencepiece} tokenizer: recognises an XLM-RoBERTa-style SentencePiece model
 * ({@code sentencepiece.bpe.model}) in a model's files and emits onnxruntime-extensions'
 * {@code SentencepieceTokenizer} op with the model inside the graph, then standard ops that add the
 * {@code <s>}/{@code </s>} specials and truncate. A plugin built as a third party would build one.
 */
package dev.modeldock.tokenizer.sentencepiece;
