/**
 * Test fixtures that need the engine: the built-in plugins loaded as the host loads them
 * ({@link dev.modeldock.testkit.plugin.Plugins}), and the contract a post-processor plugin must honour,
 * its graph nodes computing what its {@code evaluate} computes
 * ({@link dev.modeldock.testkit.plugin.PostProcessorContract}), and the one an export target honours,
 * its settings declaration agreeing with its {@code check}
 * ({@link dev.modeldock.testkit.plugin.ExportTargetContract}), which a plugin author runs on their own
 * plugin; and a tokenizer's text-pair nodes run beside Hugging Face's pair encoding
 * ({@link dev.modeldock.testkit.plugin.PairTokenization}).
 *
 * <p>For tests only (scope {@code test}); the rest of the kit is in {@code modeldock-testkit}.
 */
package dev.modeldock.testkit.plugin;
