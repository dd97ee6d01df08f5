-- Jobs that belong to a database change (the new-account email, the notice of
-- an email change) are written here in the change's own transaction, so the
-- job exists exactly when the change does. A relay moves them to the Redis
-- queue and deletes them; while Redis is down they wait here.
CREATE TABLE job_outbox (
    -- The job's id, as it will be in the queue.
    id         uuid PRIMARY KEY,
    -- The queued job (its JSON envelope: name, arguments, attempts).
    envelope   text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The relay takes the oldest jobs first.
CREATE INDEX job_outbox_created_at_idx ON job_outbox (created_at);

-- A change of email sends the old address a link that puts it back
-- (purpose 'email_revert'); the token row holds the address to restore.
ALTER TABLE auth_tokens DROP CONSTRAINT auth_tokens_purpose_check;
ALTER TABLE auth_tokens ADD CONSTRAINT auth_tokens_purpose_check
    CHECK (purpose IN ('refresh', 'password_reset', 'email_revert'));
ALTER TABLE auth_tokens ADD COLUMN restores_email text;

-- While such a link works, no other account may take the address it restores.
CREATE INDEX auth_tokens_restores_email_idx ON auth_tokens (lower(restores_email))
    WHERE restores_email IS NOT NULL;
