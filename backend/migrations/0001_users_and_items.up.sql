-- Users and their items: the demo domain of the template.
CREATE TABLE users (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email           text NOT NULL CHECK (char_length(email) BETWEEN 3 AND 255),
    hashed_password text NOT NULL,
    full_name       text CHECK (char_length(full_name) <= 255),
    is_active       boolean NOT NULL DEFAULT true,
    is_superuser    boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- Emails are unique whatever their case; login looks them up by lower(email).
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
-- The admin user list pages through users, newest first.
CREATE INDEX users_created_at_idx ON users (created_at DESC, id DESC);

CREATE TABLE items (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title       text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 255),
    description text CHECK (char_length(description) <= 255),
    owner_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The hot query: one owner's items, newest first (and their count).
CREATE INDEX items_owner_created_at_idx ON items (owner_id, created_at DESC, id DESC);
-- A superuser's list of every item, newest first.
CREATE INDEX items_created_at_idx ON items (created_at DESC, id DESC);
