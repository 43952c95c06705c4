/**
 * The built-in post-processors {@code Pooling} (mean, max, cls), {@code Normalize} (L2) and
 * {@code Dense} (a sentence-transformers dense module, with its activation): each emits its nodes
 * and evaluates the same step in plain Java for validation. A plugin built as a third party would
 * build one.
 */
package dev.modeldock.postprocessing;
