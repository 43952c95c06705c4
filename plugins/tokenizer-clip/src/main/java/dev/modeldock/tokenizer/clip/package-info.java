/**
 * The CLIP text tokenizer, {@code clip}: it recognises a CLIP model's {@code vocab.json} and
 * {@code merges.txt}, puts both inside the graph as attributes of onnxruntime-extensions'
 * {@code CLIPTokenizer} op, mends with standard ops where the op splits plain text otherwise than
 * CLIP's tokenizer (digit runs, tabs), and truncates to {@code max_seq_length}. A plugin built as a
 * third party would build one.
 */
package dev.modeldock.tokenizer.clip;
