package dev.modeldock.registry;

import java.time.Instant;

/** Who did what, to what, when. */
public record AuditEntry(long id, Instant at, String actor, String action, String subject, String detail) {
}
