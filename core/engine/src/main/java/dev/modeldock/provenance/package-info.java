/**
 * Where an artifact came from ({@link dev.modeldock.provenance.Provenance}): its source, the SHA-256
 * of each input file, the plugins and the tool that built it.
 *
 * <p>A foundation of the engine: a value type that the metadata and the registry record.
 */
package dev.modeldock.provenance;
