/**
 * SentencePiece tokenizers written by code: {@link dev.modeldock.testkit.sentencepiece.SentencePieceModelWriter}
 * serializes a Unigram ModelProto as the {@code sentencepiece} library reads it, and
 * {@link dev.modeldock.testkit.sentencepiece.XlmRobertaTokenizerFiles} lays out the files an
 * XLM-RoBERTa-family model has: that model as {@code sentencepiece.bpe.model} and the matching fast
 * tokenizer.json (fairseq's ids, Metaspace, {@code <s> $A </s>}) that Hugging Face's tokenizer reads.
 */
package dev.modeldock.testkit.sentencepiece;
