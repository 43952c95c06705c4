/**
 * The pipeline checked against the reference: Hugging Face's tokenizer (DJL), the original encoder
 * and each post-processor's Java form, on the built-in probe texts
 * ({@link dev.modeldock.validation.ParityCheck}, {@link dev.modeldock.validation.ParityReport}).
 *
 * <p>Imports the earlier stages and the foundations only. {@code ParityReport} is recorded with
 * every version; the rest is engine-internal.
 */
package dev.modeldock.validation;
