package dev.modeldock.registry;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading values the two databases return in different Java types. */
final class Rows {
    private Rows() {
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("not a timestamp: " + value.getClass());
    }
}
