package dev.modeldock.registry;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A deployment target: an export target plugin and its settings.
 *
 * @param plugin     the export target's name, e.g. {@code oracle}
 * @param settings   the plain settings
 * @param secretKeys the names of the secret settings that are set; their values are never returned
 */
public record TargetProfile(String name, String plugin, Map<String, String> settings, Set<String> secretKeys,
        Instant createdAt, Instant updatedAt) {
}
