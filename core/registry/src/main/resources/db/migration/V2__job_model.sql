-- The model a job is about, so that jobs can be listed by model. A name rather than a reference:
-- a job's record outlives the model it converted or deployed.
ALTER TABLE job ADD COLUMN model VARCHAR(128);

-- Deployments name their model through the deployment row. Conversions recorded before this column
-- name theirs only inside the request's JSON, which SQL cannot read alike on H2 and PostgreSQL: they
-- keep no model, and a model filter does not find them.
UPDATE job SET model = (SELECT m.name FROM deployment d JOIN model m ON m.id = d.model_id WHERE d.job_id = job.id)
    WHERE kind = 'deployment';

CREATE INDEX job_model_created ON job (model, created_at);
CREATE INDEX job_created ON job (created_at);
