package dev.modeldock.registry;

import java.time.Instant;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/**
 * A version sent to a target.
 *
 * @param status    {@code queued}, {@code running}, {@code deployed}, {@code failed},
 *                  {@code drifted} when the latest drift check found the target no longer holds the
 *                  artifact (a later check that finds it makes it {@code deployed} again),
 *                  {@code replaced} once a later deployment took the same name on the same target,
 *                  or {@code retired} when someone said the registry should stop tracking it
 * @param location  where the target says the model now is; null until deployed
 * @param lastCheck the latest drift check as JSON; null before any
 * @param checkedAt when the latest drift check was made; null before any
 */
public record Deployment(long id, String model, int version, @ColumnName("target_name") String target,
        String databaseModelName, String artifactSha256, String status, String jobId, String location, String error,
        String lastCheck, Instant checkedAt, String createdBy, Instant createdAt, Instant updatedAt,
        Instant finishedAt) {
}
