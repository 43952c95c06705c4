/**
 * Byte-level BPE tokenizers written by code: {@link dev.modeldock.testkit.bpe.ByteLevelBpeTrainer}
 * learns merges from plain English, {@link dev.modeldock.testkit.bpe.Gpt2Vocabulary} rebuilds GPT-2's
 * real vocabulary and merges from the copy Maven Central ships, and
 * {@link dev.modeldock.testkit.bpe.ByteLevelBpeFiles} lays either out as a RoBERTa- or GPT-2-family
 * model's {@code vocab.json}, {@code merges.txt} and {@code tokenizer.json};
 * {@link dev.modeldock.testkit.bpe.ClipBpeFiles} learns a CLIP-style vocabulary (end-of-word
 * {@code </w>}, every digit a word) and writes CLIP's tokenizer files.
 */
package dev.modeldock.testkit.bpe;
