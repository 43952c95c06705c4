package dev.modeldock.registry.internal;

import java.time.Instant;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/**
 * A {@code target} row as stored, before its settings are parsed and its secrets opened: public
 * only because Jdbi builds it.
 *
 * @param settings the plain settings as JSON
 * @param secrets  the secret settings as JSON sealed by the registry's {@code SecretBox}; null when none
 */
public record TargetRow(String name, String plugin, @ColumnName("settings_json") String settings, String secrets,
        Instant createdAt, Instant updatedAt) {
}
