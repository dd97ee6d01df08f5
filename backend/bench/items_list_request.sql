-- pgbench script (b): all the SQL one GET /api/v1/items/?limit=20 request
-- runs when the user is not in the Redis cache: the user lookup (find_by_id
-- in src/db/users.rs, from src/auth/user_cache.rs), then list_for_owner
-- (src/db/items.rs). Each statement is its own implicit transaction, as in
-- the app. Run with `-M prepared -D owner=<user uuid>`.
\set limit 20
\set offset 0
SELECT * FROM users WHERE id = :owner;
SELECT c.total AS "total!", i.id AS "id?", i.title AS "title?", i.description,
       i.owner_id AS "owner_id?", i.created_at AS "created_at?"
FROM (SELECT count(*) AS total FROM items WHERE owner_id = :owner) c
LEFT JOIN LATERAL (
    SELECT * FROM items WHERE owner_id = :owner
    ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset
) i ON true;
