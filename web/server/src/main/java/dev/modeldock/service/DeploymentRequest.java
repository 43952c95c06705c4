package dev.modeldock.service;

import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.registry.Version;

/**
 * A deployment as the API receives it: a version by {@code version} number or by {@code alias}.
 *
 * @param databaseModelName the name the model gets at the target ({@code [schema.]NAME} for Oracle,
 *                          the file's base name for the file target)
 * @param replace           whether an existing model of that name may be replaced
 * @param targetRelease     the Oracle Database release the model is deployed for, 23 or 26, whose file
 *                          size limit the version must meet; absent or null is the release the version
 *                          was filed for, else 23
 */
public record DeploymentRequest(String model, Integer version, String alias, String target,
        String databaseModelName, Boolean replace, Integer targetRelease) {

    /**
     * The release asked for, else the one {@code version} was filed for, else 23ai.
     *
     * @throws dev.modeldock.plugin.ModelDockException naming the releases there are, for another number
     */
    public OracleRelease release(Version version) {
        return targetRelease != null ? OracleRelease.of(targetRelease)
                : VersionInspector.recordedRelease(version).orElse(OracleRelease.DEFAULT);
    }
}
