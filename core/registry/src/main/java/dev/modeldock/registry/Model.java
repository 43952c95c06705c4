package dev.modeldock.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A model in the catalog: a name that versions are filed under.
 *
 * @param latestVersion the highest version number given out so far; 0 before the first version
 * @param aliases       alias name to version number
 */
public record Model(String name, String description, List<String> tags, int latestVersion,
        Map<String, Integer> aliases, Instant createdAt, Instant updatedAt) {
}
