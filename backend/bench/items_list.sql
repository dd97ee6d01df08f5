-- pgbench script (a): the SQL of GET /api/v1/items/?limit=20 for a normal
-- user whose account is in the Redis user cache (every request after the
-- first): list_for_owner in src/db/items.rs. Run with
-- `-M prepared -D owner=<user uuid>`: in prepared mode pgbench sends each
-- :variable as a bind parameter (like sqlx's $1), so no quotes are needed.
-- (pgbench numbers each occurrence of :owner separately, $1 and $2; the plan
-- is the same as with the app's single $1 used twice.)
\set limit 20
\set offset 0
SELECT c.total AS "total!", i.id AS "id?", i.title AS "title?", i.description,
       i.owner_id AS "owner_id?", i.created_at AS "created_at?"
FROM (SELECT count(*) AS total FROM items WHERE owner_id = :owner) c
LEFT JOIN LATERAL (
    SELECT * FROM items WHERE owner_id = :owner
    ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset
) i ON true;
