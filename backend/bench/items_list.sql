-- pgbench script: the one statement GET /api/v1/items/?limit=20 runs for a
-- normal user: the caller's account (is it still there, still active, has
-- the token's session ended?) and their page of items in one round trip
-- (list_for_caller in src/db/items.rs). Run with `-M prepared -D
-- owner=<user uuid> -D session=<uuid>`: in prepared mode pgbench sends each
-- :variable as a bind parameter (like sqlx's $1).
\set limit 20
\set offset 0
SELECT u.is_active, u.sessions_revoked_at, u.is_superuser,
       EXISTS (SELECT 1 FROM auth_tokens t
               WHERE t.family_id = :session AND t.revoked_at IS NOT NULL) AS "session_ended!",
       c.total AS "total!", i.id AS "id?",
       i.title AS "title?", i.description, i.owner_id AS "owner_id?",
       i.created_at AS "created_at?"
FROM users u
CROSS JOIN LATERAL (SELECT count(*) AS total FROM items WHERE owner_id = u.id) c
LEFT JOIN LATERAL (
    SELECT * FROM items WHERE owner_id = u.id
    ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset
) i ON true
WHERE u.id = :owner;
