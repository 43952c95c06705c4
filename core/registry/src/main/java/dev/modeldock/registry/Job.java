package dev.modeldock.registry;

import java.time.Instant;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/**
 * A background job: a conversion or a deployment.
 *
 * @param kind    {@code conversion} or {@code deployment}
 * @param model   the name of the model it converts or deploys; null for jobs recorded before jobs named it
 * @param state   {@code queued}, {@code running}, {@code succeeded} or {@code failed}
 * @param request the job's request as JSON
 * @param result  what it produced as JSON (e.g. the new version); null until it succeeds
 * @param server  the server that claimed it ({@link ServerNode#id()}); null while it waits
 */
public record Job(String id, String kind, String model, String state, double progress, String stage, String request,
        String result, String error, String createdBy, Instant createdAt, Instant startedAt, Instant finishedAt,
        @ColumnName("claimed_by") String server) {

    public boolean isFinished() {
        return "succeeded".equals(state) || "failed".equals(state);
    }
}
