DROP INDEX auth_tokens_restores_email_idx;
DELETE FROM auth_tokens WHERE purpose = 'email_revert';
ALTER TABLE auth_tokens DROP COLUMN restores_email;
ALTER TABLE auth_tokens DROP CONSTRAINT auth_tokens_purpose_check;
ALTER TABLE auth_tokens ADD CONSTRAINT auth_tokens_purpose_check
    CHECK (purpose IN ('refresh', 'password_reset'));

DROP TABLE job_outbox;
