/**
 * The registry's storage on embedded H2 or PostgreSQL ({@link dev.modeldock.registry.Registry} over
 * {@link dev.modeldock.registry.RegistryDatabase}): models and tags, immutable numbered versions,
 * content-addressed artifacts ({@link dev.modeldock.registry.ArtifactStore}) streamed in chunks into
 * the database or into an object store such as S3 ({@link dev.modeldock.registry.ObjectStore}),
 * aliases and their history, target profiles with sealed secrets, deployments, jobs and their
 * events, users and tokens, and the audit log.
 *
 * <p>Depends on the plugin API at most, never on the engine: the server's services turn engine
 * results into registry rows. Public for the server; not part of the plugin API.
 */
package dev.modeldock.registry;
