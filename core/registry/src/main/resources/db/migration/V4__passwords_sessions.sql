-- Passwords for signing in to the web UI: a BCrypt hash, never the password. Null for a user who
-- signs in with API tokens only.
ALTER TABLE app_user ADD COLUMN password_hash VARCHAR(100);

-- Web UI sessions, kept in the registry so that several servers over one database share them.
-- Like tokens, only the session id's SHA-256 is stored; the CSRF token is per session and is sent
-- back in every form, so it is stored as it is.
CREATE TABLE ui_session (
    id_sha256    CHAR(64) PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    csrf_token   CHAR(64) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ui_session_user ON ui_session (user_id);
