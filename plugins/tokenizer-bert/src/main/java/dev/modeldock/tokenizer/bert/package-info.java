/**
 * The {@code bert} tokenizer: recognises a WordPiece vocabulary in a model's tokenizer files and
 * emits onnxruntime-extensions' {@code BertTokenizer} op with the model's settings. A plugin built as
 * a third party would build one.
 */
package dev.modeldock.tokenizer.bert;
