package dev.modeldock.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The servers running over this database, each with a heartbeat it renews. A server whose heartbeat
 * is older than the lease has stopped (killed, crashed, cut off): its row is removed, and with it the
 * claim on its jobs and partial uploads ({@link Registry#recover}).
 */
public final class Servers {
    private final Jdbi jdbi;

    Servers(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Records this process as a running server, alive now. */
    public void register(String id, boolean runsJobs, boolean servesHttp) {
        Instant now = Instant.now();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO server_node (id, host, pid, runs_jobs, serves_http, started_at,"
                        + " heartbeat_at) VALUES (:id, :host, :pid, :jobs, :http, :now, :now)")
                .bind("id", id).bind("host", ServerNode.hostName()).bind("pid", ProcessHandle.current().pid())
                .bind("jobs", runsJobs).bind("http", servesHttp).bind("now", now).execute());
    }

    /**
     * Renews the server's heartbeat.
     *
     * @return false when its row is gone: another server took it for stopped (its heartbeat came too late)
     *         and has failed its jobs
     */
    public boolean heartbeat(String id) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE server_node SET heartbeat_at = :now WHERE id = :id")
                .bind("now", Instant.now()).bind("id", id).execute()) == 1;
    }

    /** The servers recorded as running, oldest first. */
    public List<ServerNode> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM server_node ORDER BY started_at, id")
                .mapTo(ServerNode.class).list());
    }

    /**
     * Removes the rows of servers whose heartbeat is older than {@code lease}: they have stopped.
     *
     * @return their ids
     */
    public List<String> forgetStopped(Duration lease) {
        Instant cutoff = Instant.now().minus(lease);
        return jdbi.inTransaction(h -> {
            List<String> stopped = h.createQuery("SELECT id FROM server_node WHERE heartbeat_at < :cutoff")
                    .bind("cutoff", cutoff).mapTo(String.class).list();
            stopped.forEach(id -> h.createUpdate("DELETE FROM server_node WHERE id = :id").bind("id", id).execute());
            return stopped;
        });
    }

    /**
     * Removes every row but {@code id}'s. Only for a database no other process can open (embedded H2
     * holds a file lock): every other row is then a server that stopped, however fresh its heartbeat.
     */
    public List<String> forgetAllBut(String id) {
        return jdbi.inTransaction(h -> {
            List<String> others = h.createQuery("SELECT id FROM server_node WHERE id <> :id").bind("id", id)
                    .mapTo(String.class).list();
            h.createUpdate("DELETE FROM server_node WHERE id <> :id").bind("id", id).execute();
            return others;
        });
    }

    /** Removes the server's row as it stops; what it wrote is then anyone's to sweep. */
    public void deregister(String id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM server_node WHERE id = :id").bind("id", id).execute());
    }
}
