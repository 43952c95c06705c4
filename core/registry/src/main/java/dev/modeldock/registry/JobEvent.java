package dev.modeldock.registry;

import java.time.Instant;

/**
 * One thing a job reported, in order.
 *
 * @param seq  1, 2, 3… within the job
 * @param kind {@code progress}, {@code log} or {@code state}
 * @param data JSON
 */
public record JobEvent(String jobId, int seq, Instant at, String kind, String data) {
}
