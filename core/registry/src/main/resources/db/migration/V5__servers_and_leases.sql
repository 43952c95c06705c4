-- Several servers over one database. Each running server has a row here and renews its heartbeat;
-- a row whose heartbeat is older than the job lease belongs to a server that stopped, and is removed
-- by whichever server notices, which then fails that server's jobs and removes its partial uploads.
CREATE TABLE server_node (
    id           VARCHAR(64) PRIMARY KEY,
    host         VARCHAR(255) NOT NULL,
    pid          BIGINT NOT NULL,
    runs_jobs    BOOLEAN NOT NULL,
    serves_http  BOOLEAN NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A job is claimed by one server (FOR UPDATE SKIP LOCKED), which renews its lease while it runs.
ALTER TABLE job ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE job ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
CREATE INDEX job_state_created ON job (state, created_at);

-- The server an upload's bytes come through: only a server that is gone leaves them for others to sweep.
-- Null for content written before servers were recorded, which any server may sweep.
ALTER TABLE content ADD COLUMN written_by VARCHAR(64);
