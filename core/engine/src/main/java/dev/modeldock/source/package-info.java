/**
 * The first stage of the data path: a model as it was named (hub id or folder,
 * {@link dev.modeldock.source.ModelSource}), read as a hub-layout folder
 * ({@link dev.modeldock.source.HubModel}) with its encoder graph
 * ({@link dev.modeldock.source.EncoderGraph}).
 *
 * <p>Engine-internal: imports only the foundations.
 */
package dev.modeldock.source;
