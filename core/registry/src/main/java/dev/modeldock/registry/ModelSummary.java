package dev.modeldock.registry;

import java.util.List;

/**
 * A model as the catalog lists it: the model, how many versions it has, its latest version's size,
 * and where it is deployed now.
 *
 * @param latestSizeBytes the latest version's artifact size; null before the first version
 * @param deployedAt      the model's live deployments ({@code deployed} or {@code drifted}), by target
 *                        and database model name
 */
public record ModelSummary(Model model, int versionCount, Long latestSizeBytes, List<Placement> deployedAt) {
    public ModelSummary {
        deployedAt = List.copyOf(deployedAt);
    }

    /**
     * Where one version of the model lives now.
     *
     * @param status {@code deployed}, or {@code drifted} when the latest drift check found it changed
     */
    public record Placement(String target, String databaseModelName, int version, String status) {
    }
}
