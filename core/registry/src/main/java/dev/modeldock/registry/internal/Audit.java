package dev.modeldock.registry.internal;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Writes audit entries inside the transaction of the change they record, so neither exists alone. */
public final class Audit {
    private Audit() {
    }

    public static void record(Handle handle, String actor, String action, String subject, String detail) {
        handle.createUpdate("INSERT INTO audit (at, actor, action, subject, detail)"
                        + " VALUES (:at, :actor, :action, :subject, :detail)")
                .bind("at", Instant.now()).bind("actor", actor).bind("action", action)
                .bind("subject", subject).bind("detail", detail).execute();
    }
}
