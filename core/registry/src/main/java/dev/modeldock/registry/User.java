package dev.modeldock.registry;

import java.time.Instant;

/** Someone (or some script) that holds API tokens. */
public record User(String name, Role role, Instant createdAt) {
}
