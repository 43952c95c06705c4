/**
 * Reading a Hugging Face model's own files in a plugin, safely and alike in every plugin: JSON and
 * UTF-8 text whose errors name the file and where it goes wrong, never what it holds (it may be a link
 * to something secret), and the rules byte-level BPE vocabularies share (GPT-2's byte alphabet, the
 * merges.txt check). A plain library: a plugin depends on it and carries its own copy in {@code lib/}.
 */
package dev.modeldock.modelfiles;
