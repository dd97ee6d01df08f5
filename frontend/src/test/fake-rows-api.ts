// An in-memory stand-in for a resource's endpoints (list, create, update,
// delete under `/api/v1/<path>`), so a test sees its changes come back in the
// next list request, as they would from the real API.
import { http, HttpResponse } from "msw";
import { server } from "./server";
import { problem } from "./problem";

/** The owner of every record a fake API holds or makes. */
export const OWNER_ID = "00000000-0000-4000-8000-999999999999";

export type Sent = { method: string; url: URL; body?: unknown };

/** A body with every field given: none null, none left out. */
export type Filled<T> = { [K in keyof T]-?: NonNullable<T[K]> };

type Row = { id: string };

type Options<R extends Row> = {
  /** An update: by default the body replaces the record's fields. */
  update?: (row: R, body: Partial<R>) => R;
};

/** The `n`th made-up id (from 1): "00000000-0000-4000-8000-000000000001". */
export const fakeId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** When the `index`th record of a list (newest first, a day apart) was made: the first on 2025-01-31 at 09:30 UTC. */
export const fakeCreatedAt = (index: number) =>
  new Date(Date.UTC(2025, 0, 31 - index, 9, 30)).toISOString();

/** Answers `/api/v1/<path>` from `initial` (newest first) and the changes tests make. */
export function fakeRowsApi<R extends Row>(path: string, initial: R[], options: Options<R> = {}) {
  const update = options.update ?? ((row: R, body: Partial<R>) => ({ ...row, ...body }));
  const rows = [...initial];
  const sent: Sent[] = [];
  const list = `/api/v1/${path}`;
  const one = `${list}/:id`;
  const find = (id: unknown) => rows.findIndex((row) => row.id === id);
  const notFound = () => problem(404, "Not found");

  server.use(
    http.get(list, ({ request }) => {
      const url = new URL(request.url);
      sent.push({ method: "GET", url });
      const skip = Number(url.searchParams.get("skip") ?? 0);
      const limit = Number(url.searchParams.get("limit") ?? 100);
      return HttpResponse.json({ data: rows.slice(skip, skip + limit), count: rows.length });
    }),
    http.post(list, async ({ request }) => {
      const body = (await request.json()) as Partial<R>;
      sent.push({ method: "POST", url: new URL(request.url), body });
      const created = {
        id: crypto.randomUUID(),
        ...body,
        owner_id: OWNER_ID,
        created_at: new Date().toISOString(),
      } as unknown as R;
      rows.unshift(created);
      return HttpResponse.json(created, { status: 201 });
    }),
    http.put(one, async ({ request, params }) => {
      const body = (await request.json()) as Partial<R>;
      sent.push({ method: "PUT", url: new URL(request.url), body });
      const index = find(params.id);
      const existing = rows[index];
      if (!existing) return notFound();
      rows[index] = update(existing, body);
      return HttpResponse.json(rows[index]);
    }),
    http.delete(one, ({ request, params }) => {
      sent.push({ method: "DELETE", url: new URL(request.url) });
      const index = find(params.id);
      if (index < 0) return notFound();
      rows.splice(index, 1);
      return HttpResponse.json({ message: "Deleted successfully" });
    }),
  );

  return {
    rows,
    sent,
    /** The requests made with `method`, oldest first. */
    requests: (method: string) => sent.filter((request) => request.method === method),
  };
}
