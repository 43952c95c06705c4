package dev.modeldock.registry;

import java.time.Instant;

/**
 * One move of an alias.
 *
 * @param from the version it pointed at before; null when the alias was created
 * @param to   the version it points at after; null when the alias was removed
 */
public record AliasMove(String alias, Integer from, Integer to, String movedBy, Instant movedAt) {
}
