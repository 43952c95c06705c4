/**
 * The byte-level BPE tokenizers, {@code bpe} (RoBERTa and its relatives such as CodeBERT) and
 * {@code gpt2}: they recognise a model's {@code vocab.json} and {@code merges.txt}, put both inside the
 * graph as attributes of onnxruntime-extensions' {@code RobertaTokenizer} or {@code GPT2Tokenizer} op,
 * and truncate its output to {@code max_seq_length} with standard ops. A plugin built as a third party
 * would build one.
 */
package dev.modeldock.tokenizer.bpe;
