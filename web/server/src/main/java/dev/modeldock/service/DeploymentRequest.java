package dev.modeldock.service;

/**
 * A deployment as the API receives it: a version by {@code version} number or by {@code alias}.
 *
 * @param databaseModelName the name the model gets at the target ({@code [schema.]NAME} for Oracle,
 *                          the file's base name for the file target)
 * @param replace           whether an existing model of that name may be replaced
 */
public record DeploymentRequest(String model, Integer version, String alias, String target,
        String databaseModelName, Boolean replace) {
}
