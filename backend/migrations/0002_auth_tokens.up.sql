-- Opaque tokens handed to clients: refresh tokens now, password-reset tokens
-- with the email flow. Only a SHA-256 hash of each token is stored, so a
-- leaked table cannot be replayed.
CREATE TABLE auth_tokens (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    text NOT NULL CHECK (purpose IN ('refresh', 'password_reset')),
    token_hash bytea NOT NULL UNIQUE,
    -- Refresh tokens rotate within a family (one login); reusing a rotated
    -- token revokes the whole family. Other purposes use their own id.
    family_id  uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    -- Set when a refresh token is rotated or a single-use token is redeemed.
    used_at    timestamptz,
    revoked_at timestamptz
);

CREATE INDEX auth_tokens_family_idx ON auth_tokens (family_id);
CREATE INDEX auth_tokens_user_purpose_idx ON auth_tokens (user_id, purpose);
-- Lets a periodic job purge expired tokens cheaply.
CREATE INDEX auth_tokens_expires_at_idx ON auth_tokens (expires_at);
