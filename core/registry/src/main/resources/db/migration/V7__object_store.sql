-- Artifact bytes may live in an object store (S3) instead of content_chunk rows. The content row
-- says which: 'database' (chunks, as before) or 'object' (one object named by the artifact's
-- SHA-256; its artifact row has chunk_bytes and chunk_count 0). An object store's upload is
-- written to a staging object first: its content row, in state 'staging' while the upload runs,
-- names that object and the store's multipart upload, so the staging sweep can remove both after
-- a crash.
ALTER TABLE content ADD COLUMN store VARCHAR(16) DEFAULT 'database' NOT NULL;
ALTER TABLE content ADD COLUMN staging_id VARCHAR(36);
ALTER TABLE content ADD COLUMN upload_id VARCHAR(1024);
