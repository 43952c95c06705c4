package dev.modeldock.registry;

import java.time.Instant;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/**
 * One move of an alias.
 *
 * @param from the version it pointed at before; null when the alias was created
 * @param to   the version it points at after; null when the alias was removed
 */
public record AliasMove(String alias, @ColumnName("from_number") Integer from, @ColumnName("to_number") Integer to,
        String movedBy, Instant movedAt) {
}
