-- When set, access tokens issued before this moment are refused: a password
-- reset ends every session at once, not only when access tokens expire.
-- Read with the rest of the account, so the check costs no extra query.
ALTER TABLE users ADD COLUMN sessions_revoked_at timestamptz;
