/**
 * The configuration model, as OML4Py has it: {@link dev.modeldock.config.EmbeddingModelConfig}
 * (properties in snake_case JSON), the templates and preconfigured models of
 * {@link dev.modeldock.config.ConfigCatalog} with each model's {@link dev.modeldock.config.CatalogProvenance}
 * (the source of every value; the hub commit and file hashes once a download verified them), and the run {@link dev.modeldock.config.Settings}
 * ({@code cache_dir}, {@code force_download}, ...). {@link dev.modeldock.config.Json} is the engine's
 * JSON mapper and {@link dev.modeldock.config.JsonProblem} the one place its failures (and the
 * server's) become messages: field, what was expected, line and column, never the text read.
 *
 * <p>A foundation of the engine, used by every stage. Public for the command line and the server;
 * not part of the plugin API.
 */
package dev.modeldock.config;
