/**
 * Models by hub id: {@link dev.modeldock.source.hub.HubRepository} fetches the files a pipeline needs
 * ({@link dev.modeldock.source.hub.PipelineFiles}) from the Hugging Face hub or a mirror
 * ({@link dev.modeldock.source.hub.HubApi}, configured by {@link dev.modeldock.source.hub.HubEnvironment}),
 * into a cache in the hub's own layout ({@link dev.modeldock.source.hub.HubCache}), so that a cache
 * filled by Python tools is reused and the other way round. A file enters the cache only complete
 * and verified ({@link dev.modeldock.source.hub.BlobDownload}).
 *
 * <p>Imports the foundations only, not the rest of the source stage.
 */
package dev.modeldock.source.hub;
