package dev.modeldock.registry;

import dev.modeldock.plugin.ModelDockException;

/**
 * What a new version is made of; its number is given by {@link Versions#create}.
 *
 * @param artifactSha256 an artifact already in the {@link ArtifactStore}
 * @param lineage        where the artifact came from, as JSON text: the engine's provenance in its one
 *                       JSON form, kept as given (the registry does not read it)
 * @param files          for an artifact that is a package of a model with its external data, its
 *                       members with their SHA-256s, as JSON text; null for one ONNX file
 */
public record NewVersion(String artifactSha256, String config, String lineage, String metadata,
        String validation, String files) {

    /** A version that is one ONNX file. */
    public NewVersion(String artifactSha256, String config, String lineage, String metadata, String validation) {
        this(artifactSha256, config, lineage, metadata, validation, null);
    }

    public NewVersion {
        if (lineage == null || metadata == null) {
            throw new ModelDockException("a version needs its lineage and its import metadata");
        }
    }
}
