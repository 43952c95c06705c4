-- When a deployment was last checked for drift; its status says what the check found ('drifted' or
-- 'deployed'), the last_check document how.
ALTER TABLE deployment ADD COLUMN checked_at TIMESTAMP WITH TIME ZONE;
