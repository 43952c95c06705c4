package dev.modeldock.registry;

import dev.modeldock.plugin.ModelDockException;

/**
 * What a new version is made of; its number is given by {@link Versions#create}.
 *
 * @param artifactSha256 an artifact already in the {@link ArtifactStore}
 * @param lineage        where the artifact came from, as JSON text: the engine's provenance in its one
 *                       JSON form, kept as given (the registry does not read it)
 */
public record NewVersion(String artifactSha256, String config, String lineage, String metadata,
        String validation) {

    public NewVersion {
        if (lineage == null || metadata == null) {
            throw new ModelDockException("a version needs its lineage and its import metadata");
        }
    }
}
